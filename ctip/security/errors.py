"""The server-error page, with a reference that ties what a user saw to the log line.

A user who reports "it broke" can quote the reference; the log's "Internal Server Error"
line carries the same one (ctip.web.logging adds it), so whoever fixes it finds the
traceback without the user describing what they were doing with whose record.
"""

from __future__ import annotations

import secrets

from django.http import HttpResponseServerError
from django.template import loader


def new_reference() -> str:
    """Eight characters, easy to read out over the phone: no 0/O, 1/I/L."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def server_error(request, template_name: str = "500.html"):
    """Django's handler500: the plain page, with the incident reference."""
    reference = new_reference()
    request.ctip_incident = reference
    body = loader.get_template(template_name).render({"incident": reference})
    return HttpResponseServerError(body)
