"""`tend demo`: the real bot against a local Bot API server, two partners in one terminal."""
