"""Forums in the admin, one module per concept; importing them registers them."""

from . import claims, forums, meetings, memberships  # noqa: F401
