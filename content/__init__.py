"""The nudges, affirmations and check-in prompts, as data files (TOML) shipped with the package."""
