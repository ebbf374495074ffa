"""Automatic reminders before an event, each sent once per registration."""
