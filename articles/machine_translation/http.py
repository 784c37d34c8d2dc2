"""The one HTTP exchange the web engines make: a POST of JSON, a JSON answer.

urllib3 (already pinned for the S3 client) rather than a new dependency: it
has the connect/read timeouts and connection pool the engines need.
"""

from __future__ import annotations

import json
from typing import Any

import urllib3
from django.utils.translation import gettext as _

from articles.machine_translation.base import MachineTranslationError

# One pool per process; no retries: a translator waiting at the form would
# rather hear at once that the engine is down.
_pool = urllib3.PoolManager(retries=False)


def post_json(
    url: str,
    payload: dict[str, Any],
    *,
    engine: str,
    timeout: float,
    headers: dict[str, str] | None = None,
    refusals: dict[int, tuple[str, bool]] | None = None,
) -> Any:
    """POST `payload` as JSON to `url`; the decoded answer, or MachineTranslationError.

    `refusals` maps status codes the engine documents to (message, stops_run).
    """
    try:
        response = _pool.request(
            "POST",
            url,
            body=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", **(headers or {})},
            timeout=urllib3.Timeout(connect=min(timeout, 5.0), read=timeout),
        )
    except urllib3.exceptions.NewConnectionError:
        # Checked first: urllib3 counts a refused connection as a kind of timeout.
        raise MachineTranslationError(
            _("%(engine)s cannot be reached (nothing answers at its address).")
            % {"engine": engine},
            stops_run=True,
        ) from None
    except urllib3.exceptions.TimeoutError:
        raise MachineTranslationError(
            _("%(engine)s did not answer within %(seconds)s seconds.")
            % {"engine": engine, "seconds": f"{timeout:g}"},
            stops_run=True,
        ) from None
    except urllib3.exceptions.HTTPError as error:
        raise MachineTranslationError(
            _("%(engine)s cannot be reached (%(error)s).")
            % {"engine": engine, "error": type(error).__name__},
            stops_run=True,
        ) from None
    if response.status != 200:
        message, stops = (refusals or {}).get(response.status, (None, response.status >= 500))
        raise MachineTranslationError(
            _("%(engine)s refused the request (HTTP %(status)s): %(reason)s")
            % {
                "engine": engine,
                "status": response.status,
                "reason": message or _error_text(response.data),
            },
            stops_run=stops,
        )
    try:
        return json.loads(response.data)
    except ValueError:
        raise MachineTranslationError(garbage(engine)) from None


def garbage(engine: str) -> str:
    return _("%(engine)s answered with something that is not a translation.") % {"engine": engine}


def _error_text(data: bytes) -> str:
    """The engine's own error message, if its body has one, cut short."""
    try:
        answer = json.loads(data)
    except ValueError:
        answer = None
    if isinstance(answer, dict):
        for key in ("error", "message"):
            if isinstance(answer.get(key), str):
                return answer[key][:200]
    return _("no reason given")
