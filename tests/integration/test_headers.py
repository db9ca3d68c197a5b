"""Security headers on every route: a strict Content-Security-Policy (no inline script or style), never framed,
no-store, nosniff, a referrer policy; HSTS over HTTPS in production. Static files keep their own caching."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from frontdoor.access import services
from frontdoor.access.roles import Role
from support.factories import AgencyFactory
from support.routes import walk

pytestmark = pytest.mark.django_db

PLACEHOLDERS = {"int": "1", "uuid": "00000000-0000-4000-8000-000000000000", "slug": "no-such-thing", "path": "x"}
_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
_SCRIPT = re.compile(rb"<script\b([^>]*)>", re.IGNORECASE)


def every_path() -> list[str]:
    """One concrete path for every URL pattern the application answers (web pages, admin site and API)."""
    paths = set()
    for route, _ in walk():
        path = "/" + _CONVERTER.sub(lambda m: PLACEHOLDERS.get(m.group(1) or "str", "x"), route)
        path = path.replace("^", "").replace("$", "").replace("\\Z", "").replace("(?P<format>\\.json|\\.yaml)", "")
        paths.add(re.sub(r"\(\?P<\w+>[^)]*\)", "x", path))
    return sorted(paths)


def header_problems(path: str, response) -> list[str]:
    problems = []
    csp = response.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    if directives.get("default-src") != ["'self'"]:
        problems.append(f"{path}: default-src is {directives.get('default-src')}")
    script = directives.get("script-src", [])
    if "'unsafe-inline'" in csp or "'unsafe-eval'" in csp or script[:1] != ["'self'"]:
        problems.append(f"{path}: script-src is {script}")
    if directives.get("style-src") != ["'self'"]:
        problems.append(f"{path}: style-src is {directives.get('style-src')}")
    for directive in ("frame-ancestors", "object-src", "base-uri"):
        if directives.get(directive) != ["'none'"]:
            problems.append(f"{path}: {directive} is {directives.get(directive)}")
    if "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"{path}: Cache-Control is {response.get('Cache-Control')!r}")
    expected = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"}
    for name, value in expected.items():
        if response.get(name) != value:
            problems.append(f"{path}: {name} is {response.get(name)!r}")
    if response.get("Content-Type", "").startswith("text/html") and response.content:
        problems.extend(inline_problems(path, response.content, csp))
    return problems


def inline_problems(path: str, html: bytes, csp: str) -> list[str]:
    """Every script has a src or carries this response's nonce; no element has a style attribute."""
    problems = []
    nonce = re.search(r"'nonce-([^']+)'", csp)
    for attributes in _SCRIPT.findall(html):
        if b"src=" in attributes or b'type="application/json"' in attributes:
            continue
        if not nonce or f'nonce="{nonce.group(1)}"'.encode() not in attributes:
            problems.append(f"{path}: an inline <script{attributes.decode()}> without the response's nonce")
    if re.search(rb"<[a-z][^>]*\sstyle=", html, re.IGNORECASE):
        problems.append(f"{path}: an inline style attribute")
    return problems


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMINISTRATOR, Role.MASH_MANAGER, Role.REFERRER])
def test_every_route_sends_the_security_headers(client, sign_in_as, role) -> None:
    sign_in_as(role)
    paths = every_path()
    assert len(paths) > 40 and "/sign-in/" in paths and any(p.startswith("/admin/") for p in paths)
    problems, answered = [], {}
    for path in paths:
        response = client.get(path)
        answered[path] = response.status_code
        problems.extend(header_problems(path, response))
    assert problems == []
    assert sum(status == 200 for status in answered.values()) >= 5, answered  # not only refusals and redirects


def test_signed_out_pages_and_the_sign_in_form_send_them_too(client) -> None:
    for path in ("/sign-in/", "/accessibility/", "/privacy/", "/healthz", "/no-such-page/", "/"):
        assert header_problems(path, client.get(path)) == []
    response = client.post("/sign-in/", {"username": "nobody", "password": "wrong"})
    assert header_problems("/sign-in/ (POST)", response) == []


def test_the_govuk_template_script_runs_by_the_nonce(client) -> None:
    response = client.get("/sign-in/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">document.body.className' in response.content.decode()
    assert client.get("/sign-in/")["Content-Security-Policy"] != response["Content-Security-Policy"]  # per request


def test_api_answers_are_no_store(client) -> None:
    agency = AgencyFactory(name="Esterbury Constabulary", kind="police")
    _, token = services.create_api_client("police", agency, ["whoami"])
    response = client.get("/api/v1/whoami", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert header_problems("/api/v1/whoami", response) == []


def test_static_files_are_not_no_store(client) -> None:
    response = client.get("/static/frontdoor.css")
    response.close()
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_hsts_over_https_when_configured(client, settings) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/sign-in/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/sign-in/")  # never over plain HTTP


def _production_setting(tmp_path, name: str, **env: str) -> subprocess.CompletedProcess:
    child = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "FRONTDOOR_TEST_DATABASE_URL"}}
    child.update(FRONTDOOR_VAR_DIR=str(tmp_path), FRONTDOOR_ENV="production", SECRET_KEY="k" * 30 + "-prod-" + "q" * 30)
    child.setdefault("FRONTDOOR_AUDIT_KEY", "a" * 20 + "-production-audit-key-" + "z" * 20)
    child.pop("DJANGO_SETTINGS_MODULE", None)
    child.update(env)
    code = f"import frontdoor.settings as s; print(s.{name})"
    return subprocess.run([sys.executable, "-c", code], env=child, capture_output=True, text=True, timeout=60)


def test_production_sends_hsts_for_a_year(tmp_path) -> None:
    result = _production_setting(tmp_path, "SECURE_HSTS_SECONDS")
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == 365 * 24 * 60 * 60
    weakened = _production_setting(tmp_path, "SECURE_HSTS_SECONDS", FRONTDOOR_HSTS_SECONDS="0")
    assert weakened.returncode != 0 and "FRONTDOOR_HSTS_SECONDS" in weakened.stderr
