from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Built-in reports register when the registry loads; other apps register theirs in a
        # `reports` module of their own (ctip/surveys/reports.py, ctip/results/reports.py),
        # imported when the registry is first read, not here (ctip.lib.registry): a command
        # that prints no report does not load every report's queries.
        from .participation import connect_signals

        connect_signals()
