from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import PermissionDenied

from .throttle import client_address, is_throttled


class LoginThrottleBackend(BaseBackend):
    """First in AUTHENTICATION_BACKENDS: refuses a throttled login before any password is
    checked (PermissionDenied stops Django trying the other backends)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            return None
        if is_throttled(username, client_address(request)):
            if request is not None:
                request.login_throttled = True
            raise PermissionDenied
        return None
