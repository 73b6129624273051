from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.elearning"
    label = "elearning"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "E-learning"

    # its reports and indicators register themselves from its `reports` and `indicators`
    # modules when a registry is first read (ctip.lib.registry), not at start-up
