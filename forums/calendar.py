"""The iCalendar (.ics) file sent with each invitation, update and cancellation.

One event per meeting, with a stable UID; its SEQUENCE is the meeting's, raised by every
change, so calendar programs replace the event they have. The joining link stays on the
meeting page: the file holds only a link to that page.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from vvf.email import absolute_url

SUMMARY = "Victim Voice Forum meeting"


def meeting_url(meeting):
    return absolute_url(reverse("members:meeting", args=[meeting.pk]))


def meeting_uid(meeting):
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"vvf-meeting-{meeting.pk}@{host}"


def meeting_calendar(meeting, attendee_email):
    """The .ics bytes: a request (new or changed meeting) or a cancellation."""
    calendar = Calendar()
    calendar.add("prodid", "-//MOPAC//Victim Voice Forums//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if meeting.cancelled else "REQUEST")

    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(meeting.starts_at))
    event.add("dtend", timezone.localtime(meeting.ends_at))
    event.add("summary", SUMMARY)
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    if meeting.mode == meeting.Mode.ONLINE:
        location = "Online: the joining link is on the meeting page"
    else:
        location = meeting.venue
    event.add("location", location)
    url = meeting_url(meeting)
    event.add("url", url)
    event.add("description", f"The meeting's details and agenda: {url}")
    organizer = vCalAddress(f"mailto:{settings.VVF_INBOX}")
    organizer.params["cn"] = vText("Victim Voice Forum team")
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{attendee_email}")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
