from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"
