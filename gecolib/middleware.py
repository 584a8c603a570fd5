from django.shortcuts import redirect

from .access import needs_mfa


class AdminMFAMiddleware:
    """The Django admin is a staff page too: it requires the second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and needs_mfa(request.user):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
