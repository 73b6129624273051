from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from .throttle import client_address, is_throttled


class ThrottledModelBackend(ModelBackend):
    """Django's username-and-password backend, refusing a throttled login before any
    password is checked (PermissionDenied makes authenticate() give up at once)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field())
        if username is not None and is_throttled(username, client_address(request)):
            if request is not None:
                request.login_throttled = True
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD
