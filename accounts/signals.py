"""What accounts tells the apps above it, which own what follows."""

from django.dispatch import Signal

# Sent when staff have changed someone's roles (groups) in the admin, with `user`: the
# forums app gives or takes away the forums that person works with.
roles_changed = Signal()
