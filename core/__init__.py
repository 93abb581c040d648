"""The domain: no Telegram imports. Plain async functions over a database session."""
