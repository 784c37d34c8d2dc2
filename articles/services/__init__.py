"""Every write, one keyword-only function per action.

The admin, the management commands, the ninjs importer and the demo loader call
the same functions, so there is one validator and one set of rules: `articles`
(saving, restoring, optimistic locking), `scheduling` (going live and coming
down, with its background task), `revisions`, `redirects` (retired slugs),
and `permissions`/`roles` (who may change what).
"""
