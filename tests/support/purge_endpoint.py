"""A stand-in CDN purge endpoint for the tests (CDN_PURGE_URL)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class PurgeEndpoint:
    """A tiny HTTP server on 127.0.0.1 that records what it is sent."""

    def __init__(self, status: int = 200, delay: float = 0.0):
        self.received: list[list[str]] = []
        self.content_types: list[str] = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                endpoint.received.append(json.loads(self.rfile.read(length)))
                endpoint.content_types.append(self.headers["Content-Type"])
                if delay:
                    threading.Event().wait(delay)
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/purge"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
