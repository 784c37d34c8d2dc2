"""Named reads beyond the querysets in `articles/querysets.py`.

`page_query` (the article page in one query) and `page_rows` (the lists it
reads inside that query), `search`, `translation_status` (the desk's board)
and `corrections` (public versions still lacking a fix).
"""
