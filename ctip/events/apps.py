from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.events"
    label = "events"
    default_auto_field = "django.db.models.BigAutoField"
    # its series report registers itself from ctip/events/reports.py when the report registry
    # is first read (ctip.lib.registry), not at start-up
