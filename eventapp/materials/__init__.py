"""Materials of a session: slides and posters (PDF), links to recordings and repositories."""
