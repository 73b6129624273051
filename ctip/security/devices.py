"""Which browser on which device a session was opened from ("Firefox on Windows", "Safari on
iPhone"), so a user can tell their sessions apart. The user agent is read once, at login, by
ua-parser (the uap-core rules, kept up to date by that project); only the two names are kept
in the session, not the user agent itself.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

SESSION_KEY = "ctip_device"

# ua-parser's names for mobile and embedded variants, and the name people know them by.
_BROWSER_NAMES = {
    "Mobile Safari": "Safari",
    "Mobile Safari UI/WKWebView": "Safari",
    "Chrome Mobile": "Chrome",
    "Chrome Mobile iOS": "Chrome",
    "Chrome Mobile WebView": "Chrome",
    "HeadlessChrome": "Chrome",
    "Firefox Mobile": "Firefox",
    "Firefox iOS": "Firefox",
    "Edge Mobile": "Edge",
    "Opera Mobile": "Opera",
}
_SYSTEM_NAMES = {
    "Mac OS X": "Mac",
    "Chrome OS": "ChromeOS",
    "Ubuntu": "Linux",
    "Fedora": "Linux",
    "Debian": "Linux",
}
_APPLE_DEVICES = ("iPhone", "iPad", "iPod")


def browser_and_device(user_agent: str) -> tuple[str | None, str | None]:
    """The browser's and the device's (or operating system's) names, None where unknown."""
    if not user_agent:
        return None, None
    from ua_parser import parse

    result = parse(user_agent[:1000])
    browser = result.user_agent.family if result.user_agent else None
    if browser == "Other":
        browser = None
    browser = _BROWSER_NAMES.get(browser, browser)
    device = result.device.family if result.device else None
    if device not in _APPLE_DEVICES:
        system = result.os.family if result.os else None
        device = None if system in (None, "Other") else _SYSTEM_NAMES.get(system, system)
    return browser, device


def remember_device(request) -> None:
    """At login: note the browser and device in the session."""
    browser, device = browser_and_device(request.META.get("HTTP_USER_AGENT", ""))
    request.session[SESSION_KEY] = [browser, device]


def describe(names) -> str:
    """ "Firefox on Windows", or as much of it as is known."""
    browser, device = (list(names or []) + [None, None])[:2]
    if browser and device:
        return _("%(browser)s on %(device)s") % {"browser": browser, "device": device}
    if browser:
        return browser
    if device:
        return _("A browser on %(device)s") % {"device": device}
    return _("Unknown browser")
