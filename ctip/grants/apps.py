from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.grants"
    label = "grants"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Grants"

    def ready(self) -> None:
        from . import indicators, models, reports  # noqa: F401  (they register themselves)
