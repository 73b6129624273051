from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.cohorts"
    label = "cohorts"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Cohorts"

    def ready(self) -> None:
        from . import indicators, models, reports  # noqa: F401  (they register themselves)
