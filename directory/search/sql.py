"""What the search's hand-written SQL shares: the parameter placeholders of an IN list and how
many ids one list may hold."""

from __future__ import annotations

from collections.abc import Sized

# Ids per IN (...) list: well inside SQLite's limit on the parameters of one statement (32,766
# since 3.32; 999 before), with room for the statement's other parameters.
ID_CHUNK = 500


def placeholders(values: Sized) -> str:
    """``%s, %s, …``, one per value."""
    return ", ".join(["%s"] * len(values))
