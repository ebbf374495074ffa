"""Demo content built from the source documents in shared/seeds."""
