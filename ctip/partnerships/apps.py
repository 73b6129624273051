from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.partnerships"
    label = "partnerships"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Partnerships"
