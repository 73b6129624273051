from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.events"
    label = "events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import series  # noqa: F401  (the series report and indicator register themselves)
