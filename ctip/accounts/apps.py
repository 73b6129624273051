from django.apps import AppConfig


class Config(AppConfig):
    name = "ctip.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in

        from . import notices
        from .models import EmailChange, Invitation, Membership, Preferences

        notices.connect_signals()
        user_logged_in.connect(_remember_language, dispatch_uid="ctip-remember-language")
        # Account changes in the audit trail: addresses masked, passwords never (a changed
        # password is an entry of its own: ctip/accounts/audit.py).
        auditlog.register(
            get_user_model(),
            include_fields=["username", "email", "is_active", "is_staff", "is_superuser"],
            mask_fields=["email"],
        )
        auditlog.register(Membership, m2m_fields={"countries"})
        auditlog.register(Invitation)
        auditlog.register(EmailChange, mask_fields=["new_email"])
        auditlog.register(Preferences)


def _remember_language(sender, request, user, **kwargs):
    """The language a user logs in with (their browser's, or the one they chose) is the one
    their mail is written in; a request that says nothing keeps what we knew."""
    from django.conf import settings

    if request is None or not hasattr(request, "LANGUAGE_CODE"):
        return
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or request.META.get(
        "HTTP_ACCEPT_LANGUAGE"
    ):
        from .mail import remember_language

        remember_language(user, request.LANGUAGE_CODE)
