from django.dispatch import Signal

# Sent inside the transaction of every status change, with `application`, `from_status`
# and `to_status`. Vetting listens, to close a panel whose application has ended.
status_changed = Signal()
