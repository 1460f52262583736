"""Sign-in events go into the audit trail, without the address typed or the password."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .services import Action, audit_record


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    audit_record(actor=user, action=Action.SIGN_IN, obj=user)


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action=Action.SIGN_OUT, obj=user)


def _account(credentials):
    """What names the account tried: its id if there is one; never the address typed."""
    username = (credentials or {}).get("username") or (credentials or {}).get("email")
    user = get_user_model().objects.filter(email__iexact=username or "").first()
    if user is None:
        return {"object_type": "accounts.user", "detail": "unknown account"}
    return {"object_type": "accounts.user", "object_id": user.pk}


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    audit_record(actor=None, action=Action.SIGN_IN_FAILED, **_account(credentials))


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs):
    audit_record(actor=None, action=Action.LOCKED_OUT, **_account({"username": username}))
