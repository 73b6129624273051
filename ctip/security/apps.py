from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "ctip.security"
    label = "security"
    verbose_name = "Security"

    def ready(self):
        from . import throttle

        throttle.connect_signals()
