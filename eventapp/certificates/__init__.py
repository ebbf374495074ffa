"""Certificates of attendance: a PDF for each checked-in participant, verifiable by its code."""
