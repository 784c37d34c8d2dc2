"""Template tags: `newsroom` (the language switcher, hreflang, meta tags,
<picture>, URL paths) and `seo_tags`."""
