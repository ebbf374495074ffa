"""Registration forms organisers shape: extra questions and session groups."""
