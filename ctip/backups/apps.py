from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "ctip.backups"
    label = "backups"
    verbose_name = "Backups"
