"""The read-only JSON API of public data (``/api/v1/``) and the programme for conference apps."""
