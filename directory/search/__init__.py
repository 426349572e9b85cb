"""Everything a search is, in one package: the API, GeoJSON, HSDS, the map and the search
pages call into it; it calls the models and ``maps``; nothing here imports views, the API
or ``network``.

- ``forms``: the parameters, parsed and validated once (field names are the public names);
- ``offers``: the selectors (offers, places, map clusters);
- ``reach``: the point search's SQL over the search tables;
- ``rows``: a page of offers read as plain values for the API;
- ``text``: the ``q`` text index;
- ``serving``: outreach offers reaching a municipality by their service radius;
- ``refresh`` and ``cards``: writing the search tables (directory/models/search_index.py).
"""
