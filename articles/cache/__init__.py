"""The page cache for anonymous readers.

`tags` names what a page shows (one article, the lists, the whole site);
`middleware` stores and serves pages, with conditional GET and CDN headers;
`local` keeps recently served entries in the process in front of a shared cache;
`invalidation` is the log of stale tags every process and node reads;
`signals` says what each kind of write makes stale; `purge` tells a CDN.
"""
