from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.frameworks"
    label = "frameworks"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Partner monitoring frameworks"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models  # its reports register when the registry is read (ctip.lib.registry)

        for model in (
            models.Framework,
            models.ResultArea,
            models.Indicator,
            models.Unit,
            models.Round,
            models.UnitReport,
            models.Value,
            models.Narrative,
            models.Evidence,
            models.ReviewComment,
            models.FrameworkRole,
            models.Reminder,
        ):
            auditlog.register(model)
