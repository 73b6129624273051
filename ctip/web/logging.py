import logging
import re
import traceback

_QUERY = re.compile(r"\?[^\s\"']*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def _traceback_without_messages(error: BaseException) -> str:
    """The traceback's frames (files, lines, code) without the exceptions' messages, which can
    carry values (PostgreSQL's "Key (email)=(...) already exists", a name in a ValueError)."""
    chain: list[BaseException] = []
    while error is not None and all(error is not seen for seen in chain):
        chain.append(error)
        error = error.__cause__ or error.__context__
    lines: list[str] = []
    for link in reversed(chain):
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(link.__traceback__))
        kind = type(link)
        name = (
            kind.__qualname__
            if kind.__module__ == "builtins"
            else f"{kind.__module__}.{kind.__qualname__}"
        )
        lines.append(f"{name}: [message withheld]\n")
    return "".join(lines).rstrip("\n")


def route_of(path: str) -> str:
    """The name of the URL pattern PATH matches (`register`, `report-download`), never the
    path itself: paths carry registration and survey tokens and people's IDs."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        return "[no route]"
    except Exception:  # noqa: BLE001 (a log line must never fail)
        return "[unresolved]"
    return match.view_name or match.route or "[unnamed]"


class ScrubPersonalData(logging.Filter):
    """Drop query strings, e-mail addresses and exception messages from log records:
    searches carry names, and exception messages can carry any value."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = _EMAIL.sub("[email]", _QUERY.sub("?[…]", message))
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = _traceback_without_messages(record.exc_info[1])
            record.exc_info = None
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if path and len(path) > 1 and path in record.getMessage():
            # "Not Found: /r/<token>/", "Forbidden (CSRF cookie not set.): /r/<token>/"
            record.msg, record.args = record.getMessage().replace(path, route_of(path)), None
        if request is not None:
            incident = getattr(request, "ctip_incident", None)
            if incident:  # the reference the error page showed (ctip.security.errors)
                record.msg, record.args = f"{record.getMessage()} [incident {incident}]", None
            record.request = None  # the default formatter would print POST data
        return True


def _gunicorn_access_logger():
    from gunicorn.glogging import Logger

    class RouteAccessLogger(Logger):
        """gunicorn's access log with the route's name where the path would be (`%(U)s`):
        `127.0.0.1 "GET register" 200 5120 41ms`. Registration and survey links carry their
        token in the path; the query string is never logged."""

        def atoms(self, resp, req, environ, request_time):
            atoms = super().atoms(resp, req, environ, request_time)
            atoms["U"] = route_of(environ.get("PATH_INFO", "") or "/")
            atoms["r"] = f"{atoms.get('m', '')} {atoms['U']}"
            atoms["q"] = ""
            return atoms

    return RouteAccessLogger


def __getattr__(name):
    # ctip serve names this class to gunicorn; gunicorn is imported only when it is asked for.
    if name == "RouteAccessLogger":
        return _gunicorn_access_logger()
    raise AttributeError(name)
