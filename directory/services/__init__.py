"""Writes to the catalogue: keyword-only, typed, `<entity>_<action>`, each in a transaction."""
