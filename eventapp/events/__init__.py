"""Series, events and their timetables: the public pages and the organisers' editing."""
