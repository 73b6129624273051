from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "ctip.security"
    label = "security"
    verbose_name = "Security"

    def ready(self):
        from auditlog.registry import auditlog
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import pre_save
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from . import sessions, text, throttle

        throttle.connect_signals()
        user_logged_in.connect(sessions.note_device, dispatch_uid="ctip-session-device")
        pre_save.connect(text.strip_before_save, dispatch_uid="ctip-strip-invisible")
        text.install_form_cleaning()
        # Enrolling and resetting a second factor is in the audit trail; the secret is not.
        auditlog.register(
            TOTPDevice,
            include_fields=["user", "name", "confirmed"],
        )
