"""Shared load-generation and stack plumbing for the benchmarks (and the two-server test).

Everything runs on 127.0.0.1: a fresh PostgreSQL database per run (dropped after), gunicorn
started as a subprocess with the same settings for the app and for the hello-world ceiling,
GET load from ``wrk`` when installed (``apt-get install wrk``) or a keep-alive thread pool.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def hello_app():
    """The stack's ceiling: a minimal Flask app answering a constant string."""
    from flask import Flask

    app = Flask(__name__)
    app.add_url_rule("/", "hello", lambda: "Hello, world!")
    return app


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def create_database(base_url: str = PG_ADMIN, prefix: str = "eventapp_bench") -> str:
    """A fresh, empty PostgreSQL database; returns its URL (drop it with ``drop_database``)."""
    base = make_url(base_url)
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    base = make_url(url)
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{base.database}" WITH (FORCE)'))
    admin.dispose()


@contextmanager
def given_or_fresh_database(url: str | None, prefix: str) -> Iterator[tuple[str, bool]]:
    """``url`` as it is, or a fresh migrated database (dropped after); and whether it is fresh."""
    if url is not None:
        yield url, False
        return
    url = create_database(prefix=prefix)
    try:
        flask_db_upgrade({"EVENTAPP_DATABASE_URL": url})
        yield url, True
    finally:
        drop_database(url)


def flask_db_upgrade(env: dict[str, str]) -> None:
    """Migrate the database of ``env`` with the real ``flask --app eventapp db upgrade``."""
    command = [sys.executable, "-m", "flask", "--app", "eventapp", "db", "upgrade"]
    subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True)


def start_gunicorn(
    spec: str,
    port: int,
    env: dict[str, str],
    workers: int = 4,
    threads: int = 2,
    ready_path: str = "/",
    timeout: float = 90,
    options: tuple[str, ...] = (),
) -> subprocess.Popen:
    """gunicorn serving ``spec`` on 127.0.0.1:``port`` (more command-line ``options`` if any);
    returns once ``ready_path`` answers."""
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers)]
    command += ["--threads", str(threads), "--bind", f"127.0.0.1:{port}", "--timeout", "120"]
    command += ["--log-level", "warning", *options, spec]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn {spec} exited with {process.returncode}")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", ready_path)
            if conn.getresponse().status < 500:
                return process
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    stop(process)
    raise RuntimeError(f"gunicorn {spec} did not answer on port {port}")


def stop(process: subprocess.Popen) -> None:
    """Stop a gunicorn master (and so its workers); kill it if it does not stop in 20 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def worker_pids(master: subprocess.Popen) -> list[int]:
    """The worker processes of a gunicorn master (its children)."""
    path = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    return [int(pid) for pid in path.read_text().split()] if path.exists() else []


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (VmRSS from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def response_header(port: int, path: str, name: str) -> str:
    """One header of a GET on 127.0.0.1:``port`` (e.g. a feed's ETag)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.getheader(name, "")
    finally:
        conn.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)] if ordered else float("nan")


@dataclass
class Load:
    """The outcome of a load run: rate and latency percentiles (seconds), and bad answers."""

    requests: int
    seconds: float
    p50: float
    p99: float
    errors: int
    tool: str

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def run_clients(
    clients: int, total: int, one: Callable[[http.client.HTTPConnection, dict, int], int], port: int
):
    """``clients`` keep-alive threads share ``total`` calls; returns (seconds, latencies,
    statuses)."""
    latencies: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()
    counter = iter(range(total))
    barrier = threading.Barrier(clients + 1)

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        state: dict = {}
        barrier.wait()
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            started = time.perf_counter()
            status = one(conn, state, i)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses.append(status)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, statuses


def _python_get(port: int, path: str, headers: dict, expect: int, seconds: float, clients: int):
    """GET ``path`` from ``clients`` keep-alive threads for ``seconds`` (the no-wrk fallback)."""
    latencies: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[tuple[float, int]] = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - started, response.status))
        conn.close()
        with lock:
            latencies.extend(lat for lat, _ in mine)
            statuses.extend(s for _, s in mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return Load(
        requests=len(statuses),
        seconds=elapsed,
        p50=percentile(latencies, 0.5),
        p99=percentile(latencies, 0.99),
        errors=sum(1 for s in statuses if s != expect),
        tool="python",
    )


UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}
WRK_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", re.M)
WRK_REQUESTS = re.compile(r"(\d+) requests in ([\d.]+)(us|ms|s|m)")
WRK_NON2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
WRK_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def _wrk_get(port: int, path: str, headers: dict, seconds: float, clients: int) -> Load:
    command = ["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds:g}s", "--latency"]
    command += ["--timeout", "30s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    latency = {q: float(v) * UNITS[u] for q, v, u in WRK_LATENCY.findall(out.stdout)}
    requests, took, unit = WRK_REQUESTS.search(out.stdout).groups()
    errors = sum(int(n) for n in WRK_NON2XX.findall(out.stdout))
    errors += sum(int(n) for m in WRK_ERRORS.findall(out.stdout) for n in m)
    took_s = float(took) * UNITS[unit]
    return Load(int(requests), took_s, latency["50"], latency["99"], errors, "wrk")


def get_load(
    port: int,
    path: str,
    *,
    headers: dict | None = None,
    expect: int = 200,
    seconds: float = 5.0,
    clients: int = 8,
) -> Load:
    """Requests/s and latency of GET ``path`` (wrk if installed, else Python threads).

    wrk counts any 2xx/3xx as a success, so the expected status is checked once first."""
    headers = headers or {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != expect:
        raise RuntimeError(f"GET {path}: {response.status}, expected {expect}")
    if shutil.which("wrk"):
        return _wrk_get(port, path, headers, seconds, clients)
    return _python_get(port, path, headers, expect, seconds, clients)
