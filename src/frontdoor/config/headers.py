"""Response headers: the content security policy, HSTS, and whether a proxy's X-Forwarded-Proto is trusted."""

from __future__ import annotations

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from frontdoor.config.environment import PRODUCTION, flag, whole

# Scripts and styles only from this site (the GOV.UK template's one inline script carries the request's nonce);
# never framed. Every response the application itself writes is also `Cache-Control: no-store`
# (access.middleware.NoStoreMiddleware); static files are served before it, with their own caching.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# HSTS in production: a year, subdomains included (sent only over HTTPS). Behind a TLS-terminating proxy, set
# FRONTDOOR_TRUST_X_FORWARDED_PROTO so Django knows the request was secure.
SECURE_HSTS_SECONDS = whole("FRONTDOOR_HSTS_SECONDS", 365 * 24 * 60 * 60 if PRODUCTION else 0, 0, 2 * 365 * 86400)
if PRODUCTION and SECURE_HSTS_SECONDS < 180 * 24 * 60 * 60:
    raise ImproperlyConfigured("FRONTDOOR_HSTS_SECONDS must be at least 180 days (15552000) in production")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
if flag("FRONTDOOR_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
