"""The main pages on the demo content, and their screenshots at desktop and phone width.

``python -m tests.browser.screenshots [DIR]`` loads the demo into a fresh SQLite database, serves
it, and writes ``DIR`` (default ``docs/screenshots``) with Debian's Chromium. The browser tests
use the same pieces on their own demo site (tests/browser/test_quality.py).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from eventapp.blog.models import BlogPost
from eventapp.core.types import PostStatus, RegistrationStatus
from eventapp.extensions import db
from eventapp.registration.models import Registration

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "demo-password-for-browser-tests"
ADMIN_EMAIL = "admin@example.org"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


@dataclass(frozen=True)
class MainPage:
    """One of the main pages: a name (also the screenshot's), its path, whether it needs a login."""

    name: str
    path: str
    manage: bool = False


def load_demo_site() -> list[MainPage]:
    """Load the demo content (in an app context; commits) and return the main pages on it."""
    from eventapp.demo.services import load_demo

    previous = os.environ.get("EVENTAPP_DEMO_PASSWORD")
    os.environ["EVENTAPP_DEMO_PASSWORD"] = DEMO_PASSWORD
    try:
        summary = load_demo()
    finally:
        if previous is None:
            del os.environ["EVENTAPP_DEMO_PASSWORD"]
        else:
            os.environ["EVENTAPP_DEMO_PASSWORD"] = previous
    db.session.commit()
    event = summary.upcoming
    assert event is not None, "the demo has an upcoming event with registration open"
    participant = db.session.scalars(
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.CONFIRMED,
        )
        .order_by(Registration.id)
    ).first()
    post = db.session.scalars(
        select(BlogPost)
        .where(BlogPost.status == PostStatus.PUBLISHED, BlogPost.language == "en")
        .order_by(BlogPost.publish_at.desc(), BlogPost.id)
    ).first()
    assert participant is not None and post is not None
    slug = event.slug
    return [
        MainPage("home", "/"),
        MainPage("events", "/events/"),
        MainPage("event", f"/events/{slug}/"),
        MainPage("register", f"/events/{slug}/register"),
        MainPage("participant", f"/r/{participant.secret}/"),
        MainPage("blog", "/blog/"),
        MainPage("post", f"/blog/{post.slug}/"),
        MainPage("login", "/manage/login"),
        MainPage("manage-event", f"/manage/events/{slug}/", manage=True),
        MainPage("checkin", f"/manage/events/{slug}/checkin", manage=True),
        MainPage("timetable", f"/manage/events/{slug}/timetable", manage=True),
    ]


def log_in(context, base_url: str, email: str = ADMIN_EMAIL, password: str = DEMO_PASSWORD):
    """Log the browser context in through the login form."""
    page = context.new_page()
    page.goto(f"{base_url}/manage/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(lambda url: "/manage/login" not in url)
    page.close()


def optimised_png(png: bytes, colours: int = 128) -> bytes:
    """A screenshot reduced to a palette (text and flat UI colours survive) and re-compressed."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    palette = image.quantize(colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()


def capture(
    browser, base_url: str, pages: list[MainPage], out_dir: Path, organiser_state=None
) -> list[Path]:
    """Screenshot every page at desktop and phone width into ``out_dir``; return the files.

    ``organiser_state``: a logged-in context's storage state (else the form is used once).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    shots: dict[Path, bytes] = {}
    for label, viewport, extra in (
        ("desktop", DESKTOP, {}),
        ("phone", PHONE, {"is_mobile": True, "has_touch": True, "device_scale_factor": 2}),
    ):
        if organiser_state is None:
            login_context = browser.new_context()
            log_in(login_context, base_url)
            organiser_state = login_context.storage_state()
            login_context.close()
        context = browser.new_context(
            viewport=viewport, locale="en-GB", storage_state=organiser_state, **extra
        )
        try:
            page = context.new_page()
            for main_page in pages:
                if main_page.name == "login":
                    continue  # logged in: the login page is shot by a fresh context below
                page.goto(base_url + main_page.path)
                shots[out_dir / f"{main_page.name}-{label}.png"] = _shoot(page)
            anonymous = browser.new_context(viewport=viewport, locale="en-GB", **extra)
            login = anonymous.new_page()
            login.goto(base_url + "/manage/login")
            shots[out_dir / f"login-{label}.png"] = _shoot(login)
            anonymous.close()
        finally:
            context.close()
    with ThreadPoolExecutor(max_workers=4) as pool:  # Pillow's quantize releases the GIL
        for path, png in zip(shots, pool.map(optimised_png, shots.values()), strict=True):
            path.write_bytes(png)
    return list(shots)


def _shoot(page) -> bytes:
    page.evaluate("document.activeElement && document.activeElement.blur()")
    return page.screenshot(animations="disabled", caret="hide")


def main(argv: list[str]) -> int:
    """Build a demo site on a temporary SQLite database and screenshot it."""
    from flask_migrate import upgrade
    from playwright.sync_api import sync_playwright

    from eventapp import create_app
    from eventapp.config import TestConfig
    from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, LiveServer

    out_dir = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    with tempfile.TemporaryDirectory() as tmp:
        instance = Path(tmp)
        app = create_app(
            TestConfig(
                f"sqlite:///{instance / 'demo.sqlite3'}",
                INSTANCE_PATH=instance,
                UPLOAD_FOLDER=instance / "uploads",
                MAIL_FOLDER=instance / "mail",
            )
        )
        with app.app_context():
            upgrade()
            pages = load_demo_site()
            with LiveServer(app) as server, sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
                files = capture(browser, server.url, pages, out_dir)
                browser.close()
            db.session.remove()
            db.engine.dispose()
    total = sum(f.stat().st_size for f in files)
    print(f"{len(files)} screenshots in {out_dir}, {total / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
