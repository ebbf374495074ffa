"""Calls for contributions: the call, submissions with their authors, review, decisions, and the
accepted contributions in the programme."""
