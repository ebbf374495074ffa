"""The browser tests' live server closes every response, also when the client resets mid-way.

Chromium aborts requests it no longer needs (a stylesheet when the page navigates on); the
connection reset reaches Werkzeug while it drains the socket, after the body was sent. A static
file left open there warns when it is collected, an error in this suite (``filterwarnings``).
"""

from __future__ import annotations

import gc
import socket
import struct

from tests.browser_support import LiveServer

STYLESHEET = "/static/css/manage.css"


def _get_then_reset(port: int) -> None:
    """Ask for the stylesheet, read the start of the answer, and close with a TCP reset."""
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.sendall(f"GET {STYLESHEET} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        assert client.recv(64).startswith(b"HTTP/1.1 200")
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def test_a_reset_connection_leaves_no_static_file_open(app, recwarn):
    with LiveServer(app) as server:
        for _ in range(30):
            _get_then_reset(server.server.server_port)
    gc.collect()
    unclosed = [str(w.message) for w in recwarn if issubclass(w.category, ResourceWarning)]
    assert unclosed == []
