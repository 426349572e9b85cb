"""The text index of ``q`` searches, over directory.models.OfferText (one row per published offer).

PostgreSQL: full-text search with the 'danish' configuration (stemming, so "dyrene" finds
"dyr"), the query as a web search ("ord1 ord2", "-ord", "\"to ord\""), through a GIN index on
``to_tsvector('danish', document)``. SQLite: every word must occur in the text, in any case;
words of three letters or more are found through an FTS5 table with the trigram tokenizer
(substring matching, the semantics of the scan it replaces), shorter ones by LIKE. Both
indexes are created by migration 0008; an SQLite built without FTS5 has no table and reads
the rows one by one.
"""

from __future__ import annotations

from django.db import connection

TEXT_TABLE = "directory_offertext"
FTS_TABLE = "directory_offertext_fts"
TRIGRAM = 3  # the shortest word the trigram index can find

_fts_present: dict[str, bool] = {}


def has_fts() -> bool:
    """Whether this SQLite database has the FTS5 table (looked up once per database file)."""
    name = str(connection.settings_dict["NAME"])
    if name not in _fts_present:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE])
            _fts_present[name] = cursor.fetchone() is not None
    return _fts_present[name]


def offer_ids_sql(text: str) -> tuple[str, list] | None:
    """SQL selecting the ids of published offers whose text matches ``text``, with its
    parameters; None on SQLite without the FTS5 table (the caller scans instead)."""
    if connection.vendor == "postgresql":
        return (
            f"SELECT offer_id FROM {TEXT_TABLE}"
            " WHERE to_tsvector('danish', document) @@ websearch_to_tsquery('danish', %s)",
            [text],
        )
    if not has_fts():
        return None
    words = text.split()
    if not words:
        return f"SELECT offer_id FROM {TEXT_TABLE}", []
    long_words = [word for word in words if len(word) >= TRIGRAM]
    short_words = [word for word in words if len(word) < TRIGRAM]
    conditions, params = [], []
    if long_words:
        # Each word a quoted FTS5 string (a quote inside doubled): matched as a substring.
        conditions.append(f"offer_id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)")
        params.append(" AND ".join('"' + word.replace('"', '""') + '"' for word in long_words))
    for word in short_words:
        conditions.append("document LIKE %s ESCAPE '\\'")
        params.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    return f"SELECT offer_id FROM {TEXT_TABLE} WHERE {' AND '.join(conditions)}", params
