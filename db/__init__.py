"""Storage: typed models, the encrypted text type, sessions and Alembic migrations."""
