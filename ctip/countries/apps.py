from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.countries"
    label = "countries"
    default_auto_field = "django.db.models.BigAutoField"
