"""Everything a search is, in one package: the API, GeoJSON, HSDS, the map, the search pages
and the newsletter call into it; it calls the models and ``maps``; nothing here imports
views, the API or ``network``.

- ``filters``: every filter declared once (form field, OpenAPI text, both query paths);
- ``fields``: the parameters' form fields (grades as teachers write them, loose slugs);
- ``forms``: the parameter form, built from the filters (field names are the public names);
- ``offers``: the offer search (pages of Offer objects or of plain rows);
- ``places``: the place search and the map's clusters;
- ``reach``: the point search's SQL over the search tables;
- ``rows``: a page of offers read as typed plain values for the API;
- ``text``: the ``q`` text index;
- ``serving``: outreach offers reaching a municipality by their service radius;
- ``refresh`` and ``cards``: writing the search tables (directory/models/search_index.py);
- ``sql``: what the hand-written SQL shares.
"""
