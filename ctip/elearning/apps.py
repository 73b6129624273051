from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.elearning"
    label = "elearning"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "E-learning"

    def ready(self) -> None:
        # its import source is listed in ctip/imports/sources/__init__.py with the others
        from . import indicators, models, reports  # noqa: F401  (they register themselves)
