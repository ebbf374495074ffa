"""The programs outside Python that some tests need: one list, read by scripts/test and pytest.

- Chromium (Debian's ``chromium``) and the shared library Playwright's driver loads
  (``libatomic1``): every test marked ``browser`` and the ``browser`` fixture;
- a Java runtime and the Nu HTML checker (``vnu-jar`` from npm);
- Node and Mozilla's ``ical.js`` (from npm), axe-core (from npm, run inside Chromium).

A test says what it needs with ``@pytest.mark.needs("java", "vnu-jar")`` (or calls
``need(...)``); a ``browser`` test needs ``BROWSER`` without saying so. When something is
missing the test is skipped with the reason and the command that installs it, and the run ends
with a section counting what was skipped and why; with ``CI=true`` the test fails instead.

scripts/test runs this file on its own (standard library only, before pytest starts):
``python3 tests/helpers/tools.py debian-packages`` prints the Debian packages to install,
``python3 tests/helpers/tools.py report`` says what is missing, and exits 1 if anything is under CI.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
CHROMIUM = os.environ.get("EVENTAPP_CHROMIUM", "/usr/bin/chromium")
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
ICAL_JS = NODE_MODULES / "ical.js" / "package.json"

BROWSER = ("chromium", "libatomic1")  # what every browser test needs
REASON = "missing tool"  # every skip for a missing tool starts with this (the summary counts them)


def _executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def _on_path(name: str) -> Callable[[], bool]:
    return lambda: shutil.which(name) is not None


def _loads(library: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            ctypes.CDLL(library)
        except OSError:
            return False
        return True

    return check


@dataclass(frozen=True)
class Tool:
    name: str
    used_by: str
    present: Callable[[], bool]
    debian: tuple[str, ...] = ()  # Debian packages that provide it
    from_npm: bool = False  # installed by `npm ci` (package.json)


TOOLS = {
    tool.name: tool
    for tool in (
        Tool(
            "chromium",
            "the browser tests",
            lambda: _executable(CHROMIUM),
            debian=("chromium",),
        ),
        Tool(
            "libatomic1",
            "Playwright's driver (the browser tests)",
            _loads("libatomic.so.1"),
            debian=("libatomic1",),
        ),
        Tool(
            "cjk-font",
            "the badge fallback font for Chinese, Japanese and Korean names",
            lambda: Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc").is_file(),
            debian=("fonts-wqy-microhei",),
        ),
        Tool("java", "the Nu HTML checker", _on_path("java"), debian=("default-jre-headless",)),
        Tool("node", "the ical.js feed checks", _on_path("node"), debian=("nodejs",)),
        Tool("npm", "npm ci", _on_path("npm"), debian=("npm",)),
        Tool("ical.js", "the ical.js feed checks", ICAL_JS.is_file, from_npm=True),
        Tool("axe-core", "the accessibility checks", AXE_JS.is_file, from_npm=True),
        Tool("vnu-jar", "the Nu HTML checker", VNU_JAR.is_file, from_npm=True),
    )
}


def in_ci() -> bool:
    """CI=true (or 1, yes): a missing tool fails instead of skipping."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(names: object = None) -> list[str]:
    """The tools among ``names`` (default: all that tests use) that this machine lacks.

    ``npm`` counts only while an npm package is missing: it is needed for ``npm ci`` alone.
    """
    wanted = list(TOOLS) if names is None else list(names)
    lacking = [name for name in wanted if not TOOLS[name].present()]
    if "npm" in lacking and not any(TOOLS[name].from_npm for name in lacking):
        lacking.remove("npm")
    return lacking


def debian_packages(names: list[str]) -> list[str]:
    """The Debian packages that provide the missing ``names`` (npm itself for npm packages)."""
    packages: list[str] = []
    wanted = list(names)
    if any(TOOLS[n].from_npm for n in wanted) and not TOOLS["npm"].present():
        wanted += ["node", "npm"]
    for name in wanted:
        if name in ("node", "npm") and TOOLS[name].present():
            continue
        for package in TOOLS[name].debian:
            if package not in packages:
                packages.append(package)
    return packages


def install_command(names: list[str]) -> str:
    """The one command that installs ``names`` on Debian 12."""
    steps = []
    packages = debian_packages(names)
    if packages:
        steps.append("sudo apt-get install -y --no-install-recommends " + " ".join(packages))
    if any(TOOLS[n].from_npm for n in names):
        steps.append("npm ci")
    return " && ".join(steps)


def reason(names: list[str]) -> str:
    """The skip reason for a test that needs the missing ``names``."""
    return f"{REASON}: {', '.join(names)} (install: {install_command(names)})"


def need(*names: str) -> None:
    """Skip the calling test (fail it under CI) unless every tool in ``names`` is present."""
    lacking = missing(names)
    if not lacking:
        return
    import pytest

    if in_ci():
        pytest.fail(f"CI=true, so nothing is skipped: {reason(lacking)}", pytrace=False)
    pytest.skip(reason(lacking))


# pytest hooks, imported by tests/conftest.py.


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "needs(*tools): programs the test runs (tests/helpers/tools.py)"
    )


def pytest_runtest_setup(item) -> None:
    """Before any fixture: a ``browser`` test needs BROWSER, ``needs(...)`` names the rest."""
    names: list[str] = []
    if item.get_closest_marker("browser") is not None:
        names += BROWSER
    for mark in item.iter_markers("needs"):
        names += [name for name in mark.args if name not in names]
    if names:
        need(*names)


def pytest_terminal_summary(terminalreporter) -> None:
    """The last section of the run: how many tests were skipped for which missing tool."""
    counts: Counter[str] = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        text = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        text = text.removeprefix("Skipped: ")
        if text.startswith(REASON):
            counts[text] += 1
    if not counts:
        return
    terminalreporter.write_sep("=", "skipped because a tool is missing", yellow=True, bold=True)
    for text, count in counts.most_common():
        terminalreporter.write_line(f"{count} skipped, {text}", yellow=True)


def _report() -> int:
    """Say what is missing; 1 under CI (nothing may be skipped there), else 0."""
    lacking = missing()
    if not lacking:
        return 0
    width = max(len(name) for name in lacking)
    print("Missing on this machine:", file=sys.stderr)
    for name in lacking:
        print(f"  {name:<{width}}  for {TOOLS[name].used_by}", file=sys.stderr)
    print(f"Install them with:  {install_command(lacking)}", file=sys.stderr)
    if in_ci():
        print("CI=true, so nothing may be skipped: failing before any test.", file=sys.stderr)
        return 1
    print("Running every other test; the ones that need them are skipped.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "report"
    if command == "debian-packages":
        print(" ".join(debian_packages(missing())))
    elif command == "report":
        sys.exit(_report())
    else:
        sys.exit(f"usage: {sys.argv[0]} [report|debian-packages]")
