"""What a server worker does once when it starts, so that the first requests it serves do not
pay for it: the URL configuration and every view module imported, every template of the
project compiled (Django's cached loader keeps them), and its PDF browser started in the
background (ctip/reports/pdf.py, warm_up). Measured in `make load`: without it, the first
seconds after a start answered registrations several times slower than the rest of the minute
(docs/security.md, Load)."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.template.loader import get_template
from django.urls import get_resolver


def project_templates() -> list[str]:
    """The names of the project's own templates (those under each ctip app's templates/)."""
    names = []
    for app in apps.get_app_configs():
        if not app.name.startswith("ctip."):
            continue
        root = Path(app.path) / "templates"
        names += sorted(
            str(path.relative_to(root))
            for path in root.rglob("*")
            if path.suffix in (".html", ".txt")
        )
    return names


def warm_up_worker() -> int:
    """Import the views, compile the project's templates and start the PDF browser; returns
    the number of templates compiled."""
    from ctip.reports.pdf import warm_up

    get_resolver().url_patterns  # noqa: B018 - imports the URL configuration and every view
    names = project_templates()
    for name in names:
        get_template(name)
    warm_up()
    return len(names)
