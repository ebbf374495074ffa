"""Registration, capacity and the waiting list, the participant's own page."""
