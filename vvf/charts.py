"""The programme home's charts, drawn on the server as SVG (role="img" with a text
alternative, no script), each shown beside a table of its figures: open applications
by stage and forum, and applications received each week."""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications import models as applications

WEEKS = 12
PIPELINE = [
    applications.Status.SUBMITTED,
    applications.Status.IN_REVIEW,
    applications.Status.ONBOARDING,
    applications.Status.PNC_CHECK,
    applications.Status.PANEL,
]
# GOV.UK's colours, one a forum in the pipeline chart (each darker than 3:1 on white).
COLOURS = ["#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#505a5f", "#912b88"]

BAR = 22
GAP = 10
LABEL_WIDTH = 170
CHART_WIDTH = 560


def pipeline_chart(forum_rows):
    """Open applications at each stage, split by the forums they chose (an application
    that chose two forums counts in each)."""
    through = applications.Application.forums.through
    counts = {
        (forum_id, status): n
        for forum_id, status, n in through.objects.filter(application__status__in=PIPELINE)
        .values_list("forum_id", "application__status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    stages = []
    for status in PIPELINE:
        parts = [(forum, counts.get((forum.pk, status.value), 0)) for forum in forum_rows]
        stages.append({"label": status.label, "parts": parts, "total": sum(n for _f, n in parts)})
    most = max([stage["total"] for stage in stages] + [1])
    scale = (CHART_WIDTH - LABEL_WIDTH - 60) / most
    for row, stage in enumerate(stages):
        y = row * (BAR + GAP)
        stage["y"], stage["text_y"] = y, y + BAR - 6
        x, segments = LABEL_WIDTH, []
        for forum, n in stage["parts"]:
            width = round(n * scale, 1)
            if width:
                segments.append({"x": x, "width": width, "colour": forum.colour})
            x += width
        stage["segments"], stage["total_x"] = segments, x + 6
    height = len(stages) * (BAR + GAP)
    return {
        "stages": stages,
        "forums": forum_rows,
        "width": CHART_WIDTH,
        "height": height,
        "legend": [
            {
                "name": forum.name,
                "colour": forum.colour,
                "y": height + 10 + 22 * n,
                "text_y": height + 22 + 22 * n,
            }
            for n, forum in enumerate(forum_rows)
        ],
        "full_height": height + 10 + 22 * len(forum_rows),
        "summary": _("Open applications by stage: ")
        + "; ".join(f"{stage['label']} {stage['total']}" for stage in stages),
    }


def week_starts(today, weeks=WEEKS):
    """The Mondays of the last `weeks` weeks, this one last."""
    this_monday = today - datetime.timedelta(days=today.weekday())
    return [this_monday - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def weekly_chart(today):
    """Applications received each week (Monday to Sunday, London) over the last 12."""
    mondays = week_starts(today)
    london = timezone.get_current_timezone()
    start = datetime.datetime.combine(mondays[0], datetime.time(), tzinfo=london)
    received = {
        timezone.localtime(week).date(): n
        for week, n in applications.Application.objects.filter(submitted_at__gte=start)
        .annotate(week=TruncWeek("submitted_at"))
        .values_list("week")
        .annotate(n=Count("pk"))
        .order_by()
    }
    weeks = [{"monday": monday, "count": received.get(monday, 0)} for monday in mondays]
    most = max([week["count"] for week in weeks] + [1])
    top, plot, step = 24, 160, CHART_WIDTH // WEEKS
    for n, week in enumerate(weeks):
        height = round(week["count"] * plot / most, 1)
        week.update(
            x=n * step + 6,
            width=step - 12,
            y=top + plot - height,
            height=height,
            value_y=top + plot - height - 6,
            middle=n * step + step // 2,
            label=week["monday"].strftime("%-d %b"),
        )
    return {
        "weeks": weeks,
        "width": CHART_WIDTH,
        "height": top + plot + 24,
        "axis_y": top + plot,
        "label_y": top + plot + 18,
        "summary": _("Applications received each week, from the week of %(first)s: ")
        % {"first": mondays[0].strftime("%-d %B %Y")}
        + ", ".join(str(week["count"]) for week in weeks),
    }
