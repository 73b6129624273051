from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.elearning"
    label = "elearning"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "E-learning"

    def ready(self) -> None:
        from ctip.imports.sources import register

        from . import indicators, models, reports  # noqa: F401  (they register themselves)
        from .source import ElearningSource

        # `ctip import elearning FILE` and the upload page: an import source like the others
        register(ElearningSource())
