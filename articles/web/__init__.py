"""What readers and crawlers get: the public layer over the selectors.

`views` (pages), `feeds`, `sitemaps` and `discovery` (robots.txt), `seo`
(JSON-LD and link previews), `versions` (where each language version lives),
`navigation`, `pagination`, `previews` (signed preview links), `api` (read-only
ninjs for partners) and `consistency` (does every surface agree with the rule?).
"""
