from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.linkage"
    label = "linkage"
    default_auto_field = "django.db.models.BigAutoField"
