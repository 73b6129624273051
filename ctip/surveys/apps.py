from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.surveys"
    label = "surveys"
    default_auto_field = "django.db.models.BigAutoField"
