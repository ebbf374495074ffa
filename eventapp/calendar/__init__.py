"""iCalendar: the generator, the feeds and add-to-calendar links."""
