"""Browser tests: a real `frontdoor serve` with the demo data, driven by Chromium through Playwright.

The server runs as a subprocess on its own SQLite file under a temporary FRONTDOOR_VAR_DIR, so these tests never
use the Django test database. Chromium is Debian's (/usr/bin/chromium) and axe-core comes from node_modules
(`make install`). Where either is missing the tests are skipped with the reason shown, except under CI=true,
where a missing browser or axe-core fails the run.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from support.axe import without_known_govuk_issue
from support.demo_server import build_next_mornings_meeting, send_vist
from support.words import assert_words_not_codes

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
FRONTDOOR = Path(sys.executable).parent / "frontdoor"
SCREENSHOTS = Path(tempfile.gettempdir()) / "frontdoor-shots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
STARTUP_SECONDS = 30


def _missing_prerequisites() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"Chromium is not at {CHROMIUM} (apt-get install chromium)")
    if not AXE_JS.exists():
        missing.append(f"axe-core is not at {AXE_JS.relative_to(REPO)} (make install)")
    if not FRONTDOOR.exists():
        missing.append(f"the frontdoor command is not at {FRONTDOOR} (make install)")
    return missing


@pytest.fixture(scope="session")
def e2e_prerequisites() -> None:
    """Skip (or, under CI=true, fail) when the browser or axe-core is not installed."""
    missing = _missing_prerequisites()
    if not missing:
        return
    reason = "browser tests cannot run: " + "; ".join(missing)
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


# --- The server ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    base_url: str
    credentials: dict[str, Any]
    var_dir: Path

    @property
    def users(self) -> list[dict[str, Any]]:
        return self.credentials["users"]

    def user(self, username: str) -> dict[str, Any]:
        return next(u for u in self.users if u["username"] == username)


def _server_env(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The child uses its own SQLite file and the demo preset, whatever this pytest process was configured with
    # (pytest-django sets DJANGO_SETTINGS_MODULE to the test settings, which force FRONTDOOR_ENV=test).
    for name in ("DATABASE_URL", "FRONTDOOR_TEST_DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    env.update(FRONTDOOR_VAR_DIR=str(var_dir), FRONTDOOR_ENV="demo", PYTHONUNBUFFERED="1")
    return env


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (a local http URL we built)
            return response.status == 200 and json.loads(response.read()) == {"status": "ok"}
    except (OSError, ValueError):
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(e2e_prerequisites: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`frontdoor demo --no-serve`, then `frontdoor serve` on a free port until the session ends."""
    var_dir = tmp_path_factory.mktemp("frontdoor-var")
    env = _server_env(var_dir)
    demo = subprocess.run(
        [str(FRONTDOOR), "demo", "--no-serve"], env=env, cwd=REPO, capture_output=True, text=True, timeout=600
    )
    if demo.returncode != 0:
        pytest.fail(
            f"frontdoor demo --no-serve failed ({demo.returncode}):\n{demo.stdout}\n{demo.stderr}", pytrace=False
        )
    credentials = json.loads((var_dir / "demo-credentials.json").read_text())

    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = var_dir / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(FRONTDOOR), "serve", "--port", str(port)],
            env=env,
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            process_group=0,
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _healthy(f"{base_url}/healthz"):
            if process.poll() is not None or time.monotonic() > deadline:
                state = f"exited with {process.returncode}" if process.poll() is not None else "timed out"
                output = log_path.read_text(errors="replace")
                print(f"frontdoor serve output:\n{output}")
                pytest.fail(
                    f"frontdoor serve on port {port} {state} before /healthz answered:\n{output}", pytrace=False
                )
            time.sleep(0.2)
        yield Server(base_url=base_url, credentials=credentials, var_dir=var_dir)
    finally:
        _stop(process)


# --- The night before -----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def overnight(server: Server) -> SimpleNamespace:
    """Red VISTs sent overnight (one for the daily meeting's test, one for the MASH's day end to end), then the next
    working day's agenda built at its opening. Once per session: an agenda is built once, so every VIST a test wants
    on it is sent here first. `day` is that working day (ISO), `lily` and `ava` the VISTs' references."""
    lily = send_vist(
        server, "Lily", "Thornton", "Called to a fight at the flat at 11pm; Lily was hiding in her bedroom."
    )
    ava = send_vist(
        server, "Ava", "Marsh", "Ava, 6, was found alone at 1am; her mother was drunk and had a cut to her head."
    )
    return SimpleNamespace(day=build_next_mornings_meeting(server), lily=lily, ava=ava)


# --- The browser --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(e2e_prerequisites: None):
    from playwright.sync_api import sync_playwright

    # While Playwright's sync API is started, its asyncio loop counts as running in the main thread, so Django's
    # async-safety check would refuse any ORM call in this process (say, pytest-django's own teardown in a mixed
    # run). The browser tests never touch the ORM (the server is another process); the loop is not ours to
    # protect against, so the check is relaxed for exactly as long as the browser is up.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser, server: Server):
    """Open a page in a fresh browser context (no cookies shared); every context is closed at teardown."""
    contexts = []

    def open_page():
        context = browser.new_context(base_url=server.base_url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


# --- Signing in ---------------------------------------------------------------------------------------------


def sign_in(page, username: str, password: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()


@pytest.fixture
def sign_in_as(server: Server):
    """sign_in_as(page, username): sign a demo user in through the form (no role chosen yet if they hold several).

    The demo runs with FRONTDOOR_TWO_FACTOR=optional and its accounts have no authenticator app, so a password alone
    signs them in; a test that sets up two-factor sign-in uses an account of its own."""

    def _sign_in_as(page, username: str, password: str | None = None) -> None:
        # A demo user's password comes from the credentials file; a user a test made brings their own.
        sign_in(page, username, password if password is not None else server.user(username)["password"])

    return _sign_in_as


# --- Accessibility ------------------------------------------------------------------------------------------

_AXE_RUN = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target, html: n.html, summary: n.failureSummary})),
  }));
}
"""


def axe_violations(page) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA rules) on the page; return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not added as a <script> element: the page's Content-Security-Policy
        # (no inline script) stays in force for the page's own scripts, and does not block the test's tool.
        page.evaluate(AXE_JS.read_text() + "\n;true")
    return page.evaluate(_AXE_RUN, AXE_TAGS)


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
    return "\n".join(lines)


@pytest.fixture
def axe() -> SimpleNamespace:
    """The axe helpers for tests, which cannot import a conftest by name: axe.violations(page), axe.format(...)."""
    return SimpleNamespace(violations=axe_violations, format=format_violations)


@pytest.fixture
def assert_accessible():
    """assert_accessible(page): no axe violations at WCAG 2.2 AA, listing rule, element and help when there are; and
    words, not codes, in what the page says (support.words)."""

    def _assert_accessible(page) -> None:
        violations = axe_violations(page)
        assert violations == [], f"axe found violations on {page.url}:\n{format_violations(violations)}"
        assert_words_not_codes(page.content(), page.url)

    return _assert_accessible


@pytest.fixture
def assert_accessible_with_reveals():
    """assert_accessible(page), letting through only GOV.UK's aria-expanded on a radio that reveals a question
    (support.axe), for pages with conditional radios."""

    def _assert_accessible(page) -> None:
        violations = without_known_govuk_issue(axe_violations(page))
        assert violations == [], f"axe found violations on {page.url}:\n{format_violations(violations)}"
        assert_words_not_codes(page.content(), page.url)

    return _assert_accessible
