"""What the programme app tells the apps above it, which own what follows."""

from django.dispatch import Signal

# Sent when staff have changed who works with a forum (its facilitators, or the staff of
# the organisation that runs it), with `forum`: the forums app gives or takes away each
# person's access to the forum's members and meetings.
forum_people_changed = Signal()
