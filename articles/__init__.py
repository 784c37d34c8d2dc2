"""Articles: the newsroom's content and everything done with it.

The models sit at the centre (`models.py`, with their per-language columns
registered in `translation.py` and their named reads in `querysets.py`);
the sub-packages around them each hold one layer:

- `domain/`: the rules every layer shares: languages, workflow states, the one
  availability rule, provenance of translations, slugs, sanitizing;
- `services/`: every write, keyword-only, shared by the admin, commands and imports;
- `selectors/`: named reads beyond the querysets: the page query, search, translation status;
- `web/`: what readers and crawlers get: pages, feeds, sitemaps, SEO, the ninjs API;
- `cache/`: the page cache: its middleware, local copies, invalidation log and CDN purge;
- `admin/`: the editors' admin;
- `ninjs/`: agency copy in and out (IPTC ninjs);
- `photos/`: upload validation, storage, renditions, rights.
"""
