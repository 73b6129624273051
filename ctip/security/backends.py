from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from .throttle import account_tag, client_address, is_throttled, logger


class ThrottledModelBackend(ModelBackend):
    """Django's username-and-password backend, refusing a throttled login before any
    password is checked (PermissionDenied makes authenticate() give up at once)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field())
        address = client_address(request)
        if username is not None and is_throttled(username, address):
            logger.warning(
                "login refused, throttled: account %s from %s", account_tag(username), address
            )
            if request is not None:
                request.login_throttled = True
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD
