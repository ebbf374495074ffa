"""The report to funders: who registered, came and from where, per event and per series."""
