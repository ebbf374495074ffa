"""What every page shares: language, time formatting, errors, security headers, checks of
what arrives (``params``), the health check."""
