"""The monthly report, per forum and for all forums.

Its content is computed from anonymised rows only (feedback text checked at entry,
recommendation titles, forum names, dates and counts) and stored as JSON when it is
generated, so a report reads the same later. Counts of people from 1 to 4 are shown as
"fewer than 5"; no total is given beside them, so a suppressed count cannot be worked out
by subtraction.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import dateformat, timezone

from forums.models import Attendance, Meeting
from programme.models import Forum
from vvf.dates import first_of_month, following_month, last_of_month

from .models import (
    OUTSTANDING,
    FeedbackItem,
    MonthlyReport,
    Recommendation,
    RecommendationEvent,
    Status,
    Theme,
)

SUPPRESS_BELOW = 5
SUPPRESSED = "fewer than 5"


def month_bounds(month):
    """The first instant of the month and of the next (exclusive), in London time."""
    london = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(first_of_month(month), datetime.time(), tzinfo=london)
    end = datetime.datetime.combine(following_month(month), datetime.time(), tzinfo=london)
    return start, end


def people_count(count):
    """A count of people as it may be shown: 1 to 4 are suppressed."""
    return SUPPRESSED if 0 < count < SUPPRESS_BELOW else count


def _local_date(moment):
    return timezone.localtime(moment).date()


def _feedback(start, end, forum):
    items = FeedbackItem.objects.filter(recorded_at__gte=start, recorded_at__lt=end)
    if forum is not None:
        items = items.filter(forum=forum)
    items = items.select_related("theme", "forum", "meeting").order_by(
        "theme__position", "theme__name", "recorded_at", "pk"
    )
    by_theme = {theme.name: [] for theme in Theme.objects.all()}
    for item in items:
        by_theme.setdefault(item.theme.name, []).append(
            {
                "forum": item.forum.name,
                "meeting": _local_date(item.meeting.starts_at).isoformat(),
                "text": item.text,
            }
        )
    themes = [{"theme": name, "count": len(texts)} for name, texts in by_theme.items()]
    items_by_theme = [{"theme": name, "items": texts} for name, texts in by_theme.items() if texts]
    return themes, items_by_theme


def _movements(start, end, forum):
    events = RecommendationEvent.objects.filter(at__gte=start, at__lt=end)
    if forum is not None:
        events = events.filter(recommendation__forum=forum)
    events = events.select_related("recommendation__forum").order_by("at", "pk")
    return [
        {
            "title": event.recommendation.title,
            "forum": event.recommendation.forum.name,
            "from": str(Status(event.from_status).label) if event.from_status else "",
            "to": str(Status(event.to_status).label),
            "date": _local_date(event.at).isoformat(),
        }
        for event in events
    ]


def _outstanding(end, last_day, forum):
    """Recommendations not yet answered at the end of the month, by their timeline."""
    status_then = (
        RecommendationEvent.objects.filter(recommendation=OuterRef("pk"), at__lt=end)
        .order_by("-at", "-pk")
        .values("to_status")[:1]
    )
    recommendations = Recommendation.objects.filter(raised_at__lt=end)
    if forum is not None:
        recommendations = recommendations.filter(forum=forum)
    recommendations = (
        recommendations.annotate(status_then=Subquery(status_then))
        .select_related("forum")
        .order_by("raised_at", "pk")
    )
    rows = []
    for recommendation in recommendations:
        status = Status(recommendation.status_then or Status.RAISED)
        if status not in OUTSTANDING:
            continue
        raised = _local_date(recommendation.raised_at)
        rows.append(
            {
                "title": recommendation.title,
                "forum": recommendation.forum.name,
                "status": str(status.label),
                "raised": raised.isoformat(),
                "age_days": (last_day - raised).days,
            }
        )
    return rows


def _participation(start, end, forum):
    """Per forum: meetings held from `start` until `end` (the month's end, or the
    report's generation when that is sooner: a meeting still to come is not held) and
    the people who took part (suppressed)."""
    forums = Forum.objects.filter(pk=forum.pk) if forum is not None else Forum.objects.all()
    in_month = Q(starts_at__gte=start, starts_at__lt=end, cancelled=False)
    meetings = dict(
        Meeting.objects.filter(in_month, forum__in=forums)
        .values_list("forum")
        .annotate(n=Count("pk"))
    )
    people = dict(
        Attendance.objects.filter(
            attended=True,
            meeting__forum__in=forums,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
            meeting__cancelled=False,
        )
        .values_list("meeting__forum")
        .annotate(n=Count("membership", distinct=True))
    )
    return [
        {
            "forum": each.name,
            "meetings": meetings.get(each.pk, 0),
            "people": people_count(people.get(each.pk, 0)),
        }
        for each in forums.order_by("position", "name")
    ]


def report_build(*, month, forum=None, now=None):
    """The report's content for the calendar month of `month` (London time), for one
    forum or, when `forum` is None, for all, as it stands at `now` (the moment it is
    generated): JSON-serialisable."""
    now = now or timezone.now()
    month = first_of_month(month)
    start, end = month_bounds(month)
    last_day = min(last_of_month(month), timezone.localdate())
    themes, items_by_theme = _feedback(start, end, forum)
    return {
        "month": month.isoformat(),
        "month_label": dateformat.format(month, "F Y"),
        "forum": forum.name if forum is not None else "All forums",
        "participation": _participation(start, min(end, now), forum),
        "themes": themes,
        "feedback_total": sum(row["count"] for row in themes),
        "items_by_theme": items_by_theme,
        "movements": _movements(start, end, forum),
        "outstanding": _outstanding(end, last_day, forum),
        "age_at": last_day.isoformat(),
    }


@transaction.atomic
def report_generate(*, month, forum=None):
    """Generates (or regenerates, replacing) the month's report for the forum or all."""
    month = first_of_month(month)
    now = timezone.now()
    report, _created = MonthlyReport.objects.update_or_create(
        month=month,
        forum=forum,
        defaults={
            "content": report_build(month=month, forum=forum, now=now),
            "generated_at": now,
        },
    )
    return report


def reports_generate_for(month):
    """The all-forums report and one per forum, for the month."""
    reports = [report_generate(month=month)]
    for forum in Forum.objects.order_by("position", "name"):
        reports.append(report_generate(month=month, forum=forum))
    return reports
