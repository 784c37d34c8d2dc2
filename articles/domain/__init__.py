"""The rules of the domain every layer shares; no database writes, no HTTP.

`languages` (the 14 languages and their columns), `status` (workflow states),
`availability` (the one rule of what readers may see), `provenance` (which
translations fell behind their source), `slugs`, `html` (the one sanitizer) and
`plain_text` (control characters in stored text).
"""
