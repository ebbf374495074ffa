"""The post-event blog: posts, safe Markdown, "Write the story", Atom feeds."""
