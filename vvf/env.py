"""Typed readers for settings that come from the environment.

Each raises ImproperlyConfigured with a message that names the variable, so a
misconfigured server refuses to start instead of running with a surprising value.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envstr(name, default=None):
    """A string; an empty value counts as unset. Required when there is no default."""
    value = os.environ.get(name) or None
    if value is None:
        if default is None:
            raise ImproperlyConfigured(
                f"The environment variable {name} is required. See .env.example."
            )
        return default
    return value


def envbool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def envint(name, default, *, least=None):
    """A whole number; with `least`, one below it is refused."""
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if least is not None and number < least:
        raise ImproperlyConfigured(f"{name} must be at least {least}, not {number}.")
    return number


def envlist(name, default=""):
    """A comma-separated list, with blanks dropped."""
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]
