"""Organisers' accounts: login, passwords, invitations, and the rights rules."""
