"""What of the back office belongs to no capability: the overview, the audit log, the layout."""
