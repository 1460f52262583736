"""The programme home: the admin's index for VVF staff, "what needs doing today?".

Every figure here is counted with the rule its app keeps (applications.models,
vetting.models, forums.models, feedback.models, privacy.retention), and each line links to
the admin list filtered by the same rule, so the count and the list cannot disagree.
A fixed number of queries whatever the data: one aggregate for each kind of record,
and the few short lists the page shows (tests/test_query_budgets.py).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from applications import models as applications
from feedback import models as feedback
from forums import models as forums
from privacy import retention
from privacy.holds import held
from privacy.models import RetentionHeartbeat, RetentionHold
from programme.models import Forum
from vetting import models as vetting
from vvf.admin_filters import TODO
from vvf.charts import COLOURS, pipeline_chart, weekly_chart

OLDEST_SHOWN = 5


@dataclass
class Line:
    label: str
    url: str
    rows: object = None  # the rule's queryset, counted by count_all
    detail: str = ""
    items: list = field(default_factory=list)  # (text, url) shown under the line
    count: int = None


@dataclass
class Section:
    title: str
    lines: list


def changelist(model, **query):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(query)}" if query else url


def count_all(querysets):
    """The count of each queryset, all in one query (a UNION ALL of their counts)."""
    if not querysets:
        return []
    branches = [
        queryset.order_by()
        .annotate(line=Value(n, output_field=IntegerField()))
        .values("line")
        .annotate(n=Count("pk"))
        .values_list("line", "n")
        for n, queryset in enumerate(querysets)
    ]
    counted = dict(branches[0].union(*branches[1:], all=True))
    return [counted.get(n, 0) for n in range(len(querysets))]


def home(now=None):
    """Everything the programme home shows, read in a fixed number of queries: one
    counts every line, and a few more read the short lists, the forums and the charts."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    forum_rows = _forums(today)
    sections = [
        _applications(today),
        _vetting(today),
        _members(),
        _meetings(now),
        _claims(),
        _recommendations(now),
        _retention(now, today),
    ]
    counted = [line for section in sections for line in section.lines if line.rows is not None]
    for line, count in zip(counted, count_all([line.rows for line in counted]), strict=True):
        line.count = count
    return {
        "sections": sections,
        "forums": forum_rows,
        "places": (forums.MEMBERS_AT_LEAST, forums.MEMBERS_AT_MOST),
        "tenure_ending_days": forums.TENURE_ENDING_DAYS,
        "pipeline": pipeline_chart(forum_rows),
        "weekly": weekly_chart(today),
    }


def _applications(today):
    Application = applications.Application
    oldest = (
        Application.objects.waiting_for_review()
        .order_by("submitted_at", "pk")
        .only("pk", "reference", "submitted_at")[:OLDEST_SHOWN]
    )
    return Section(
        _("Applications"),
        [
            Line(
                _("Applications waiting for review"),
                changelist(Application, **{TODO: "review"}),
                Application.objects.waiting_for_review(),
                _("oldest first"),
                items=[
                    (
                        _("%(reference)s, %(days)s days")
                        % {
                            "reference": a.reference,
                            "days": (today - timezone.localtime(a.submitted_at).date()).days,
                        },
                        reverse("admin:applications_application_change", args=[a.pk]),
                    )
                    for a in oldest
                ],
            ),
            Line(
                _("Onboarding conversations to hold"),
                changelist(Application, **{TODO: "onboarding"}),
                Application.objects.onboarding_to_hold(),
            ),
            Line(
                _("Accepted applicants who chose several forums: a forum to choose"),
                changelist(Application, **{TODO: "forum"}),
                Application.objects.forum_to_choose(),
            ),
        ],
    )


def _vetting(today):
    PncCheck, SuitabilityCase = vetting.PncCheck, vetting.SuitabilityCase
    return Section(
        _("Vetting"),
        [
            Line(
                _("PNC checks requested, waiting for the result"),
                changelist(PncCheck, **{TODO: "waiting"}),
                PncCheck.objects.waiting_for_result(),
            ),
            Line(
                _("PNC checks past six weeks (overdue)"),
                changelist(PncCheck, **{TODO: "overdue"}),
                PncCheck.objects.overdue(today),
            ),
            *(
                Line(
                    _("Suitability cases waiting for the %(seat)s seat") % {"seat": seat.label},
                    changelist(SuitabilityCase, seat=seat.value),
                    SuitabilityCase.objects.waiting_for_seat(seat),
                )
                for seat in vetting.PanelSeat.Seat
            ),
        ],
    )


def _forums(today):
    """Each forum with its current members and those whose tenure ends in 90 days."""

    def per_forum(members):
        counted = members.filter(forum=OuterRef("pk")).order_by().values("forum")
        return Coalesce(
            Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
            Value(0),
        )

    memberships = forums.Membership.objects
    rows = list(
        Forum.objects.annotate(
            current=per_forum(memberships.current(today)),
            ending=per_forum(memberships.tenure_ending(today)),
        ).only("pk", "name", "slug")
    )
    for colour, forum in zip(COLOURS * 3, rows, strict=False):
        forum.colour = colour
        forum.members_url = changelist(
            forums.Membership, forum__id__exact=forum.pk, tenure="current"
        )
        forum.representation_url = reverse("admin:programme_forum_representation", args=[forum.pk])
        forum.too_few = forum.current < forums.MEMBERS_AT_LEAST
        forum.too_many = forum.current > forums.MEMBERS_AT_MOST
    return rows


def _members():
    return Section(
        _("Members"),
        [
            Line(
                _("Tenures ending in the next %(days)s days") % {"days": forums.TENURE_ENDING_DAYS},
                changelist(forums.Membership, tenure="ending"),
                forums.Membership.objects.tenure_ending(),
            ),
        ],
    )


def _meetings(now):
    Meeting = forums.Meeting
    return Section(
        _("Meetings"),
        [
            Line(
                _("Meetings in the next six weeks"),
                changelist(Meeting, **{TODO: "coming"}),
                Meeting.objects.coming(now),
            ),
            Line(
                _("of them, with invitations not yet answered"),
                changelist(Meeting, **{TODO: "unanswered"}),
                Meeting.objects.with_unanswered_invitations(now),
            ),
            Line(
                _("of them, with access needs to arrange"),
                changelist(Meeting, **{TODO: "access"}),
                Meeting.objects.with_access_needs(now),
            ),
            Line(
                _("Recordings waiting for their note to be final"),
                changelist(Meeting, **{TODO: "recording"}),
                Meeting.objects.recording_waiting(),
            ),
            Line(
                _("Meetings after which a member asked for support"),
                changelist(Meeting, **{TODO: "support"}),
                Meeting.objects.support_waiting(),
            ),
        ],
    )


def _claims():
    ExpenseClaim = forums.ExpenseClaim
    return Section(
        _("Expense claims"),
        [
            Line(
                _("Expense claims to decide"),
                changelist(ExpenseClaim, **{TODO: "decide"}),
                ExpenseClaim.objects.to_decide(),
            ),
            Line(
                _("Approved claims not yet in a month's finance export"),
                changelist(ExpenseClaim, **{TODO: "export"}),
                ExpenseClaim.objects.not_yet_exported(),
            ),
        ],
    )


def _recommendations(now):
    Recommendation = feedback.Recommendation
    return Section(
        _("Recommendations"),
        [
            Line(
                _("Over %(days)s days without an answer") % {"days": feedback.UNANSWERED_DAYS},
                changelist(Recommendation, **{TODO: "late"}),
                Recommendation.objects.unanswered_too_long(now),
            ),
            *(
                Line(
                    status.label,
                    changelist(Recommendation, status__exact=status.value),
                    Recommendation.objects.filter(status=status),
                )
                for status in feedback.Status
            ),
        ],
    )


def _retention(now, today):
    Application = applications.Application
    holds = (
        RetentionHold.objects.select_related("application")
        .only("placed_at", "application__reference")
        .order_by("placed_at", "pk")[:OLDEST_SHOWN]
    )
    last_run = (
        RetentionHeartbeat.objects.order_by("-completed_at")
        .values_list("completed_at", flat=True)
        .first()
    )
    return Section(
        _("Retention"),
        [
            Line(
                _("Deletions due in the next %(days)s days") % {"days": retention.DELETION_DAYS},
                changelist(Application, **{TODO: "deletion"}),
                Application.objects.filter(retention.due_within(retention.DELETION_DAYS, now)),
                _("held applications are not deleted"),
            ),
            Line(
                _("Applications held from deletion"),
                changelist(Application, **{TODO: "held"}),
                Application.objects.filter(held()),
                _("oldest hold first"),
                items=[
                    (
                        _("%(reference)s, held %(days)s days")
                        % {
                            "reference": hold.application.reference,
                            "days": (today - timezone.localtime(hold.placed_at).date()).days,
                        },
                        reverse("admin:applications_application_hold", args=[hold.application_id]),
                    )
                    for hold in holds
                ],
            ),
            Line(
                _("Last retention run"),
                reverse("admin:applications_application_retention"),
                detail=formats.date_format(timezone.localtime(last_run), "DATETIME_FORMAT")
                if last_run
                else _("The retention sweep has not run yet."),
            ),
        ],
    )
