"""Local HTTP servers that speak LibreTranslate's and DeepL's protocols, on 127.0.0.1.

Each checks the request as the real service would (path, method, key,
fields) and "translates" by tagging every text with the target language:
"Olá" → "[fi] Olá"; in HTML, every text between tags, so markup survives
visibly. `fail_with` makes it misbehave: an HTTP status with the service's
error body, "garbage" (200 with a body that is not JSON), "wrong-shape"
(JSON of the wrong form), "empty" (empty translations) or "slow" (answers
after `slow_seconds`). `requests` records what it was sent.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_TEXT_BETWEEN_TAGS = re.compile(r">([^<]*[^<\s][^<]*)(?=<)")


def fake_translation(text: str, target: str, *, html: bool) -> str:
    if not html:
        return f"[{target}] {text}"
    return _TEXT_BETWEEN_TAGS.sub(lambda m: f">[{target}] {m.group(1)}", text)


class _Handler(BaseHTTPRequestHandler):
    server: FakeEngine

    def log_message(self, *args):  # quiet test output
        pass

    def do_POST(self):
        engine = self.server
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        engine.requests.append(
            {"path": self.path, "headers": dict(self.headers.items()), "body": body}
        )
        if engine.fail_with == "slow":
            time.sleep(engine.slow_seconds)
        status, answer = engine.answer(self.path, self.headers, body)
        if engine.fail_with == "garbage":
            status, answer = 200, b"<html>Bad gateway</html>"
        elif isinstance(engine.fail_with, int):
            status, answer = engine.fail_with, json.dumps(engine.error_body()).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


class FakeEngine(ThreadingHTTPServer):
    daemon_threads = True
    api_key = "test-key"

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict] = []
        self.fail_with: int | str | None = None
        self.slow_seconds = 2.0
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()

    def _reply(self, status: int, data) -> tuple[int, bytes]:
        return status, json.dumps(data).encode()

    def translations(self, texts: list[str], target: str, html: bool) -> list[str]:
        if self.fail_with == "empty":
            return ["" for _ in texts]
        return [fake_translation(t, target.lower(), html=html) for t in texts]


class FakeLibreTranslate(FakeEngine):
    """`POST /translate`; the key is required when `api_key` is set."""

    def error_body(self):
        return {"error": "Slowdown: 10 per 1 minute"}

    def answer(self, path, headers, body):
        if path != "/translate":
            return self._reply(404, {"error": "Not Found"})
        if not isinstance(body, dict):
            return self._reply(400, {"error": "Invalid request"})
        if self.api_key and body.get("api_key") != self.api_key:
            return self._reply(403, {"error": "Invalid API key"})
        q = body.get("q")
        if body.get("format") not in ("text", "html") or not body.get("source"):
            return self._reply(400, {"error": "Invalid request: missing format or source"})
        texts = q if isinstance(q, list) else [q]
        translated = self.translations(texts, body["target"], body["format"] == "html")
        if self.fail_with == "wrong-shape":
            return self._reply(200, {"translation": translated})
        return self._reply(
            200, {"translatedText": translated if isinstance(q, list) else translated[0]}
        )


class FakeDeepL(FakeEngine):
    """`POST /v2/translate` with `Authorization: DeepL-Auth-Key <key>`."""

    def error_body(self):
        return {"message": "Quota exceeded"}

    def answer(self, path, headers, body):
        if path != "/v2/translate":
            return self._reply(404, {"message": "Not found"})
        if headers.get("Authorization") != f"DeepL-Auth-Key {self.api_key}":
            return self._reply(403, {"message": "Wrong key"})
        if not isinstance(body, dict) or not isinstance(body.get("text"), list):
            return self._reply(400, {"message": "Parameter 'text' not specified."})
        html = body.get("tag_handling") == "html"
        translated = self.translations(body["text"], body["target_lang"], html)
        if self.fail_with == "wrong-shape":
            return self._reply(200, {"translations": translated})
        return self._reply(
            200,
            {
                "translations": [
                    {"detected_source_language": body.get("source_lang", "EN"), "text": t}
                    for t in translated
                ]
            },
        )
