from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.results"
    label = "results"
    default_auto_field = "django.db.models.BigAutoField"
