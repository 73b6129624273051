from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.programs"
    label = "programs"
    default_auto_field = "django.db.models.BigAutoField"
