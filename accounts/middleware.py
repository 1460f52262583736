from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"


class StaffSessionMiddleware:
    """For signed-in users: ends the session after STAFF_IDLE_TIMEOUT without activity
    or STAFF_SESSION_LIFETIME after sign-in, and sends anyone without a second factor yet
    to set one up before anything else."""

    ENROLMENT_URLS = ("two_factor:setup", "two_factor:qr", "two_factor:setup_complete", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            ended = self.expired(request)
            if ended:
                logout(request)
                messages.info(request, ended)
                return redirect(settings.LOGIN_URL)
            if not request.user.is_verified() and not self.enrolling(request):
                return redirect("two_factor:setup")
        return self.get_response(request)

    def expired(self, request):
        now = timezone.now().timestamp()
        session = request.session
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last_seen = session.get(LAST_SEEN, now)
        if now - last_seen > settings.STAFF_IDLE_TIMEOUT.total_seconds():
            return _(
                "You were signed out after 30 minutes without activity, to keep the "
                "information safe. Please sign in again."
            )
        if now - signed_in_at > settings.STAFF_SESSION_LIFETIME.total_seconds():
            return _(
                "You have been signed in for 8 hours, so you were signed out. Please sign in again."
            )
        # Written at most once a minute, to spare the session table.
        if now - last_seen >= 60 or LAST_SEEN not in session:
            session[LAST_SEEN] = now
        return None

    def enrolling(self, request):
        allowed = {reverse(name) for name in self.ENROLMENT_URLS}
        return request.path in allowed or request.path.startswith(settings.STATIC_URL)
