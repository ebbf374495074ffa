"""``PORT=5601 scripts/serve`` serves on 5601 and its absolute links (canonical URLs, feeds,
e-mails, QR codes: all from ``BASE_URL``) say 5601 too; they used to say 5000 whatever the port.

Runs the real script, as a newcomer would, on an empty instance folder of its own.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def test_scripts_serve_on_another_port_links_to_that_port(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EVENTAPP_", "FLASK_"))}
    env.update(PORT=str(port), EVENTAPP_INSTANCE_PATH=str(tmp_path / "instance"))
    base = f"http://127.0.0.1:{port}"
    with open(tmp_path / "serve.log", "wb") as log:
        server = subprocess.Popen(
            [str(ROOT / "scripts" / "serve")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 180
            while True:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                try:
                    home = _get(f"{base}/")
                    break
                except OSError:
                    assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                    time.sleep(0.2)
            feed = _get(f"{base}/calendar.ics")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)

    assert f'<link rel="canonical" href="{base}/">' in home
    links = re.findall(r"^URL:(\S+)", feed.replace("\r\n ", ""), flags=re.M)
    assert links, feed[:2000]  # the demo's events are in the feed, each with its page's URL
    assert all(link.startswith(f"{base}/") for link in links), links
    assert ":5000" not in home + feed
