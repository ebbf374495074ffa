"""Where cached pages live: Redis (shared by every app server) or this process's memory.

Both stores keep a *generation*: two numbers, raised after every commit that changed what
public pages show (the first) or only their numbers of places (the second). A page is stored
with the generation read *before* it was rendered, and served only while the generation is
still the same, so a page rendered from data that a commit has since changed is never served
(not even one rendered while that commit was in flight); numbers of places may lag a little.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import redis

#: (pages, counts): see ``invalidation``.
Generation = tuple[int, int]


#: Bodies above this size are kept under a key of their own, so that a revalidation (304) of a
#: large feed reads a few hundred bytes from Redis, not the feed.
INLINE_BODY = 64 * 1024


@dataclass(frozen=True)
class CachedPage:
    """A rendered response, as it was sent, with the generation it was rendered at.

    ``body`` is None when the store keeps it apart (``body_key``): ``PageStore.body`` reads it."""

    generation: Generation
    stored_at: float
    status: str
    headers: list[tuple[str, str]]
    body: bytes | None
    body_key: str = ""

    @property
    def size(self) -> int:
        return len(self.body or b"")

    def encode(self, inline: bool = True) -> bytes:
        meta = {"g": list(self.generation), "t": self.stored_at, "s": self.status}
        meta |= {"h": self.headers, "b": "" if inline else self.body_key}
        head = json.dumps(meta, separators=(",", ":")).encode("utf-8")
        return head + b"\n" + (self.body or b"" if inline else b"")

    @classmethod
    def decode(cls, data: bytes) -> CachedPage:
        head, _newline, body = data.partition(b"\n")
        meta = json.loads(head)
        headers = [(name, value) for name, value in meta["h"]]
        pages, counts = meta["g"]
        body_key = meta.get("b", "")
        return cls(
            (int(pages), int(counts)),
            float(meta["t"]),
            meta["s"],
            headers,
            None if body_key else body,
            body_key,
        )


class PageStore(Protocol):
    """What the middleware needs of a store."""

    def lookup(self, key: str) -> tuple[Generation, CachedPage | None]:
        """The current generation and the page stored under ``key`` (None if absent)."""

    def store(self, key: str, page: CachedPage, seconds: int) -> None:
        """Keep ``page`` under ``key`` for at most ``seconds``."""

    def body(self, page: CachedPage) -> bytes | None:
        """The page's body (None if the store has dropped it meanwhile)."""

    def bump(self, kind: str = "pages") -> None:
        """Raise the generation's ``kind`` ("pages" or "counts"): pages stored so far are out
        of date."""

    def fetch(self, key: str) -> bytes | None:
        """Bytes kept under ``key`` by ``keep`` (content addressed: no generation)."""

    def keep(self, key: str, data: bytes, seconds: int) -> None:
        """Keep ``data`` under ``key`` for at most ``seconds``."""


class RedisStore:
    """Pages and the generation in Redis: every app server sees the same ones.

    Keys are prefixed by ``namespace`` (the app derives it from its database, so two
    installations sharing a Redis never see each other's pages). A lookup is one round trip
    (``MGET`` of the generation and the page)."""

    def __init__(self, url: str, namespace: str) -> None:
        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.generation_keys = {
            kind: f"eventapp:{namespace}:{kind}:generation" for kind in ("pages", "counts")
        }
        self.page_prefix = f"eventapp:{namespace}:page:"
        self.bytes_prefix = f"eventapp:{namespace}:bytes:"

    def lookup(self, key: str) -> tuple[Generation, CachedPage | None]:
        pages, counts, data = self.redis.mget(
            [*self.generation_keys.values(), self.page_prefix + key]
        )
        page = CachedPage.decode(data) if data is not None else None
        return (int(pages or 0), int(counts or 0)), page

    def store(self, key: str, page: CachedPage, seconds: int) -> None:
        body = page.body or b""
        if len(body) <= INLINE_BODY:
            self.redis.set(self.page_prefix + key, page.encode(), ex=seconds)
            return
        body_key = "body:" + hashlib.blake2b(body, digest_size=16).hexdigest()
        apart = CachedPage(
            page.generation, page.stored_at, page.status, page.headers, None, body_key
        )
        with self.redis.pipeline(transaction=False) as pipe:  # one round trip, body first
            pipe.set(self.bytes_prefix + body_key, body, ex=seconds)
            pipe.set(self.page_prefix + key, apart.encode(inline=False), ex=seconds)
            pipe.execute()

    def body(self, page: CachedPage) -> bytes | None:
        return page.body if page.body is not None else self.fetch(page.body_key)

    def bump(self, kind: str = "pages") -> None:
        self.redis.incr(self.generation_keys[kind])

    def fetch(self, key: str) -> bytes | None:
        return self.redis.get(self.bytes_prefix + key)

    def keep(self, key: str, data: bytes, seconds: int) -> None:
        self.redis.set(self.bytes_prefix + key, data, ex=seconds)


class LocalStore:
    """Pages in this process's memory (least recently used go first beyond ``max_bytes``); the
    generation in a file of the instance folder, so that every worker process of one machine
    sees another's commit at once. (Several machines need Redis: ``EVENTAPP_REDIS_URL``.)"""

    def __init__(self, generation_file: Path, max_bytes: int = 32 * 1024 * 1024) -> None:
        self.path = generation_file
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, bytes | CachedPage] = OrderedDict()
        self._sizes: dict[str, int] = {}
        self._bytes = 0
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._pid = 0

    def _file(self) -> int:
        if self._fd is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd

    def generation(self) -> Generation:
        return _parse_generation(os.pread(self._file(), 64, 0))

    def lookup(self, key: str) -> tuple[Generation, CachedPage | None]:
        page = self._get("page:" + key)
        return self.generation(), page if isinstance(page, CachedPage) else None

    def store(self, key: str, page: CachedPage, seconds: int) -> None:
        self._put("page:" + key, page, page.size)

    def body(self, page: CachedPage) -> bytes | None:
        return page.body

    def fetch(self, key: str) -> bytes | None:
        data = self._get("bytes:" + key)
        return data if isinstance(data, bytes) else None

    def keep(self, key: str, data: bytes, seconds: int) -> None:
        self._put("bytes:" + key, data, len(data))

    def _get(self, key: str) -> bytes | CachedPage | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def _put(self, key: str, item: bytes | CachedPage, size: int) -> None:
        """(Entries leave by size, not by age: pages carry their age, bytes are addressed by
        their content.)"""
        if size > self.max_bytes // 4:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= self._sizes.pop(key)
            self._items[key] = item
            self._sizes[key] = size
            self._bytes += size
            while self._bytes > self.max_bytes:
                dropped, _item = self._items.popitem(last=False)
                self._bytes -= self._sizes.pop(dropped)

    def bump(self, kind: str = "pages") -> None:
        fd = self._file()
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            pages, counts = _parse_generation(os.pread(fd, 64, 0))
            pages, counts = (pages + 1, counts) if kind == "pages" else (pages, counts + 1)
            os.pwrite(fd, f"{pages:20d} {counts:20d}".encode("ascii"), 0)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _parse_generation(raw: bytes) -> Generation:
    numbers = raw.split()
    if len(numbers) != 2:
        return (0, 0)
    return int(numbers[0]), int(numbers[1])


def now() -> float:
    """Seconds on a clock every process of a machine shares (for an entry's age)."""
    return time.time()
