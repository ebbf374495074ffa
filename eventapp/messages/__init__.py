"""Messages organisers write to chosen registrants, one version per language."""
