"""The demo's content as plain data, written from the facts of the source documents."""
