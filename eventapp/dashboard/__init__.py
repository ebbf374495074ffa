"""The organiser's dashboard of an event: registrations over time, by category and
organisation, places left, check-ins live during the event."""
