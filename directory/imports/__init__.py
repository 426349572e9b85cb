"""Bulk import and export of an organisation's places and offers (CSV, XLSX, GeoJSON).

One row is one offer at one place. Rows are keyed by external ids (``sted_id`` for the
place, ``tilbud_id`` for the offer) so a file can be imported again without duplicates;
an offer given at several places spans several rows with the same ``tilbud_id``. See
columns.py for the documented columns (Danish and English headers are both accepted).
"""
