"""Signing in through the real two-step form, computing the TOTP code as an app would."""

import time

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

LOGIN = "/accounts/login/"
PREFIX = "sign_in_view"


def password_step(client, email, password=PASSWORD):
    return client.post(
        LOGIN,
        {f"{PREFIX}-current_step": "auth", "auth-username": email, "auth-password": password},
    )


def code_step(client, code):
    return client.post(LOGIN, {f"{PREFIX}-current_step": "token", "token-otp_token": code})


def current_code(device):
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


def app_device(user):
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="default")
    return device


def wait_for_next_code(device):
    """Sleeps into the next 30-second window, so a fresh code exists."""
    step = device.step
    time.sleep(step - (time.time() - device.t0) % step + 0.1)
