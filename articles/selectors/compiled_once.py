"""An SQL expression compiled the first time it is used on a connection, then reused.

The article page's query is built with the ORM on every request (the
availability rule at the request's own time, and the slug). Most of the time
the ORM spends on it goes into compiling parts that are the same on every
request in a language: the text flags (14 languages × 3 tests) and the four
JSON subqueries of the page's lists. `CompiledOnce` wraps such a part: the
first compilation on a database connection goes through the ORM as usual
(`compiler.compile`), and later ones return the same SQL and parameters.

Only for expressions whose SQL cannot change between requests: no parameter
that depends on the time or the request, and used in one query shape only
(articles/selectors/page_query.py keeps one per language and process). Any
copy the ORM makes of it (resolving, relabelling aliases in another query)
starts with nothing kept, so it is compiled again there.
tests/selectors/test_page_query.py checks that the page's query is, SQL and
parameters, the one the ORM builds without it.
"""

from __future__ import annotations

from django.db.models import Expression


class CompiledOnce(Expression):
    def __init__(self, expression: Expression) -> None:
        super().__init__(output_field=expression.output_field)
        self.expression = expression
        self._compiled: dict[str, tuple[str, tuple]] = {}

    def get_source_expressions(self) -> list[Expression]:
        return [self.expression]

    def set_source_expressions(self, expressions: list[Expression]) -> None:
        (self.expression,) = expressions

    def copy(self) -> CompiledOnce:
        clone = super().copy()
        clone._compiled = {}
        return clone

    def as_sql(self, compiler, connection) -> tuple[str, tuple]:
        # Keyed by connection: SQLite and PostgreSQL spell the JSON subqueries apart.
        kept = self._compiled.get(connection.alias)
        if kept is None:
            sql, params = compiler.compile(self.expression)
            kept = self._compiled[connection.alias] = (sql, tuple(params))
        return kept
