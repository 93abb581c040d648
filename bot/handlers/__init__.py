"""One module per flow; each has `register(app)`."""
