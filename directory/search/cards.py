"""Offer cards (directory.models.OfferCard): each published offer's subject ids, language
codes and linked place ids as one JSON row, so that a result page reads its offers' links
by key in the row it already reads, instead of in three link tables scattered over the
database.

Derived data, written only by ``refresh_cards``, which ``search_index_refresh`` calls for the
offers it rewrites (links change only with their offer). The places are not copied, only
named: a page reads them by id and keeps the active ones, so a place's own edits, archiving
or deletion need no card rewritten. Built in one INSERT … SELECT with each database's JSON
functions.
"""

from __future__ import annotations

from django.db import connection

from directory.models import Offer, OfferCard


def refresh_cards(cursor, offers: tuple[str, list] | None) -> None:
    """Rewrite the cards of these offers (``(condition on the offer id, params)``), or of all."""
    condition, params = offers if offers is not None else ("", [])
    table = OfferCard._meta.db_table
    cursor.execute(f"DELETE FROM {table}" + (f" WHERE offer_id {condition}" if condition else ""), params)
    cursor.execute(
        f"INSERT INTO {table} (offer_id, data) SELECT o.id, {_card_json()} FROM {Offer._meta.db_table} o"
        f" WHERE o.status = '{Offer.Status.PUBLISHED.value}'"
        + (f" AND o.id {condition}" if condition else ""),
        params,
    )


def _card_json() -> str:
    links = {
        "subjects": (Offer.subjects.through._meta.db_table, "subject_id"),
        "languages": (Offer.languages.through._meta.db_table, "language_id"),
        "places": (Offer.environments.through._meta.db_table, "learningenvironment_id"),
    }
    if connection.vendor == "postgresql":
        parts = [
            f"'{key}', COALESCE((SELECT json_agg(t.{column}) FROM {table} t WHERE t.offer_id = o.id), '[]'::json)"
            for key, (table, column) in links.items()
        ]
        return f"json_build_object({', '.join(parts)})::text"
    # SQLite: json() again around each subquery, whose result has lost its JSON subtype (else
    # json_object would write the array as a string).
    parts = [
        f"'{key}', json((SELECT json_group_array(t.{column}) FROM {table} t WHERE t.offer_id = o.id))"
        for key, (table, column) in links.items()
    ]
    return f"json_object({', '.join(parts)})"
