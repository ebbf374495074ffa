"""The collaboration directory: organisations, people, venues, forums and agreements."""
