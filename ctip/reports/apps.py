from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class Config(AppConfig):
    name = "ctip.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Built-in reports register when the registry loads; other apps register theirs in a
        # `reports` module of their own (ctip/surveys/reports.py, ctip/results/reports.py).
        from . import registry  # noqa: F401

        autodiscover_modules("reports")

        from .participation import connect_signals

        connect_signals()
