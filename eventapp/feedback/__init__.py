"""Feedback after an event: a survey per event (and its sessions), answers, results."""
