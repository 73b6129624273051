import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
application = get_wsgi_application()


def _warm_up_pdf_browser() -> None:
    """Each server worker imports this module once: its PDF browser starts now, in the
    background, rather than with the first PDF a user asks for (ctip/reports/pdf.py)."""
    from ctip.reports.pdf import warm_up

    warm_up()


_warm_up_pdf_browser()
