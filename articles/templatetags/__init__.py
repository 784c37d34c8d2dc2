"""Template tags: `newsroom` (the switcher, hreflang, meta tags, <picture>, URL paths) and `seo_tags`."""
