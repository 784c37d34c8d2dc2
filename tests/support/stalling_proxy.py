"""A TCP proxy in front of an HTTP server that holds some requests unanswered.

Every request is forwarded except those of the chosen methods (by default PUT,
so: every write to an S3 endpoint): from the first byte of such a request on,
the connection forwards nothing more in either direction and stays open, as an
object store that hangs does. The client sees its own read timeout, or nothing
at all if it has none.
"""

from __future__ import annotations

import socket
import threading

from tests.support.tcp_proxy import close_quietly, pump


class StallingProxy:
    def __init__(self, upstream: tuple[str, int], methods: tuple[bytes, ...] = (b"PUT",)) -> None:
        self.upstream = upstream
        self.requests = tuple(method + b" " for method in methods)
        self.stalled = 0  # connections held so far
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    def __enter__(self) -> StallingProxy:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        with self._lock:
            sockets, self._open = self._open, set()
        for sock in (self._listener, *sockets):
            close_quietly(sock)

    def _accept(self) -> None:
        while True:
            try:
                client, _address = self._listener.accept()
                server = socket.create_connection(self.upstream)
            except OSError:
                return  # closed
            with self._lock:
                self._open.update((client, server))
            threading.Thread(target=self._requests, args=(client, server), daemon=True).start()
            threading.Thread(target=pump, args=(server, client), daemon=True).start()

    def _requests(self, client: socket.socket, server: socket.socket) -> None:
        try:
            while data := client.recv(65536):
                if data.startswith(self.requests):
                    with self._lock:
                        self.stalled += 1
                    while client.recv(65536):  # swallow the rest until the client gives up
                        pass
                    break
                server.sendall(data)
        except OSError:
            pass
        close_quietly(server)
        close_quietly(client)
