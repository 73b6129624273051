from django.conf import settings

# Everything is served from our own origin: no CDN, no inline script or style. The admin site
# lives under the same policy (Django's admin has no inline script or style since 4.x):
# ctip/security/tests/test_admin_csp.py checks it in a browser, and that docs/security.md
# states this very policy.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Pages behind a login may show personal data: no copies in shared or browser caches.
            response.setdefault("Cache-Control", "no-store, private")
        if getattr(settings, "HTTPS", False):
            response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
