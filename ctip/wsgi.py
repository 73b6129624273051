import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
application = get_wsgi_application()

# Each server worker imports this module once, before it serves: its views, templates and PDF
# browser are made ready now rather than by the first requests (ctip/web/warmup.py).
from ctip.web.warmup import warm_up_worker  # noqa: E402 - needs the application set up

warm_up_worker()
