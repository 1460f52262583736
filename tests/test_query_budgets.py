"""Query budgets: no page that lists rows issues more than 15 queries, whether it lists
10 rows or 1,000 of them (a query per row would show at once at 1,000).

Every admin changelist of every registered model is here, and every other page that
lists a variable number of rows, each seen by the role that uses it. Each page has a
helper that builds N rows of what it lists, with bulk_create so that 1,000 are quick.
"""

import datetime
import itertools
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.models import UserObjectPermission

from accounts.models import User
from accounts.roles import (
    EXTERNAL_PARTNER,
    FACILITATOR,
    PANEL_MEMBER,
    POLICE_LEAD,
    STAFF_APPS,
    VVF_STAFF,
)
from applications.models import (
    Application,
    ApplicationEvent,
    Consent,
    ConsentDocument,
    EqualityMonitoring,
)
from audit.models import AuditEntry
from feedback.models import (
    FeedbackItem,
    MonthlyReport,
    Recommendation,
    RecommendationEvent,
    Status,
    Theme,
)
from forums.models import (
    AgendaItem,
    Attendance,
    ExpenseClaim,
    Invitation,
    Meeting,
    Membership,
    RecordingConsent,
)
from forums.permissions import sync_forum_access
from languages.models import TranslationCheck
from opportunities.models import Interest, Opportunity
from privacy.models import RetentionHold
from programme.models import Forum, Organisation
from tests.applications.journey import valid_answers
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_member, sign_in_member
from vetting.models import Disclosure, DisclosureView, PanelSeat, PncCheck, SuitabilityCase

pytestmark = pytest.mark.django_db

BUDGET = 15
SIZES = [10, 1000]
unique = itertools.count()


# Rows, made in bulk ----------------------------------------------------------------------


def make_applications(n, forum, status="SUBMITTED", **fields):
    """n applications to the forum, each with a consent and an event, newest first."""
    now = timezone.now()
    applications = Application.objects.bulk_create(
        Application(
            full_name=f"Applicant {i}",
            email=f"bulk{next(unique)}@example.com",
            status=status,
            postcode="SE1 2AA",
            borough="SOUTHWARK",
            why_join="To help the next person.",
            submitted_at=now - datetime.timedelta(minutes=i),
            **fields,
        )
        for i in range(n)
    )
    Application.forums.through.objects.bulk_create(
        Application.forums.through(application=a, forum=forum) for a in applications
    )
    document = ConsentDocument.objects.filter(kind=ConsentDocument.Kind.PNC_CHECK).first()
    Consent.objects.bulk_create(
        Consent(application=a, document=document, given=True) for a in applications
    )
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(application=a, from_status="", to_status=status) for a in applications
    )
    return applications


def make_members(n, forum):
    """n current members of the forum."""
    started = timezone.localdate() - datetime.timedelta(days=30)
    return Membership.objects.bulk_create(
        Membership(application=a, forum=forum, started_on=started, ended_on=forum.tenure_ends_on)
        for a in make_applications(n, forum, status="ACCEPTED")
    )


def make_meetings(n, forum, days_ahead=14, every=datetime.timedelta(days=1), **fields):
    """n meetings of the forum, the first `days_ahead` days from now (negative: past),
    then one every `every` (negative: going back)."""
    first = timezone.now() + datetime.timedelta(days=days_ahead)
    return Meeting.objects.bulk_create(
        Meeting(
            forum=forum,
            starts_at=first + i * every,
            ends_at=first + i * every + datetime.timedelta(hours=2),
            venue="City Hall",
            **fields,
        )
        for i in range(n)
    )


def make_users(n, role=None):
    users = User.objects.bulk_create(
        User(email=f"bulk{next(unique)}@example.com", full_name=f"Person {i}") for i in range(n)
    )
    if role:
        group = Group.objects.get(name=role)
        User.groups.through.objects.bulk_create(
            User.groups.through(user=user, group=group) for user in users
        )
    return users


def make_forums(n):
    run_by = Organisation.objects.get(forums__slug="disabled-victims")
    return Forum.objects.bulk_create(
        Forum(
            slug=f"forum-{i}",
            name=f"Forum {i}",
            description="A forum.",
            run_by=run_by,
            position=100 + i,
        )
        for i in range(n)
    )


def make_cases(n, forum):
    """n suitability cases, each with its application and PNC check."""
    today = timezone.localdate()
    checks = PncCheck.objects.bulk_create(
        PncCheck(
            application=a,
            requested_on=today - datetime.timedelta(days=60),
            result=PncCheck.Result.DISCLOSURE,
        )
        for a in make_applications(n, forum, status="PANEL")
    )
    return SuitabilityCase.objects.bulk_create(
        SuitabilityCase(check_record=c, result_received_on=today) for c in checks
    )


def make_recommendations(n, forum, **fields):
    meeting = make_meetings(1, forum, days_ahead=-30)[0]
    return Recommendation.objects.bulk_create(
        Recommendation(
            forum=forum,
            meeting=meeting,
            title=f"Recommendation {i}",
            detail="Call victims back within a week.",
            **fields,
        )
        for i in range(n)
    )


def grant(user, perm, objects):
    """django-guardian object permissions, in bulk."""
    app_label, codename = perm.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    UserObjectPermission.objects.bulk_create(
        UserObjectPermission(
            user=user,
            permission=permission,
            content_type_id=permission.content_type_id,
            object_pk=str(obj.pk),
        )
        for obj in objects
    )


# Who looks --------------------------------------------------------------------------------


def as_role(group, is_staff=False, is_superuser=False):
    def set_up(ctx):
        ctx.user = UserFactory(role=group, is_staff=is_staff, is_superuser=is_superuser)
        sign_in(ctx.client, ctx.user)

    return set_up


def as_facilitator(ctx):
    as_role(FACILITATOR)(ctx)
    ctx.vawg.facilitators.add(ctx.user)
    sync_forum_access(ctx.vawg)


def as_partner(ctx):
    as_role(EXTERNAL_PARTNER)(ctx)
    ctx.disabled.run_by.members.add(ctx.user)
    sync_forum_access(ctx.disabled)


def as_member(ctx):
    ctx.membership = make_member("vawg")
    sign_in_member(ctx.client, ctx.membership)


ROLES = {
    "staff": as_role(VVF_STAFF, is_staff=True),
    # Models outside the VVF staff's apps (groups, devices, lockouts): superusers only.
    "superuser": as_role(VVF_STAFF, is_staff=True, is_superuser=True),
    "panel": as_role(PANEL_MEMBER),
    "partner": as_partner,
    "facilitator": as_facilitator,
    "police": as_role(POLICE_LEAD),
    "member": as_member,
    "applicant": lambda ctx: None,  # applicants have no account
}


# The admin's changelists: what each lists -------------------------------------------------


def changelist_rows(ctx, n, model):
    """Builds n rows of the model for its admin changelist."""
    vawg, user = ctx.vawg, ctx.user
    if model is Group:
        Group.objects.bulk_create(Group(name=f"Group {i}") for i in range(n))
    elif model in (StaticDevice, TOTPDevice):
        model.objects.bulk_create(model(user=u, name="phone") for u in make_users(n))
    elif model in (AccessAttempt, AccessLog, AccessFailureLog):
        fields = {
            AccessAttempt: {"get_data": "", "post_data": "", "failures_since_start": 1},
            AccessLog: {},
            AccessFailureLog: {"locked_out": False},
        }[model]
        rows = model.objects.bulk_create(
            model(
                user_agent=f"agent {i}",
                ip_address="127.0.0.1",
                username=f"user{i}",
                http_accept="*/*",
                path_info=f"/accounts/login/{i % 5}",
                **fields,
            )
            for i in range(n)
        )
        if model is AccessAttempt:
            AccessAttemptExpiration.objects.bulk_create(
                AccessAttemptExpiration(access_attempt=row, expires_at=timezone.now())
                for row in rows[::2]
            )
    elif model is AuditEntry:
        AuditEntry.objects.bulk_create(
            AuditEntry(
                actor_id=user.pk,
                action="VIEW",
                object_type="applications.application",
                object_ref=str(i),
            )
            for i in range(n)
        )
    elif model is User:
        make_users(n, role=FACILITATOR)
    elif model is Organisation:
        Organisation.objects.bulk_create(
            Organisation(name=f"Organisation {i}", kind="EXTERNAL_PARTNER") for i in range(n)
        )
    elif model is Forum:
        make_forums(n)
    elif model is Membership:
        make_members(n, vawg)
    elif model is Meeting:
        make_meetings(n, vawg)
    elif model is ExpenseClaim:
        meeting = make_meetings(1, vawg, days_ahead=-7)[0]
        ExpenseClaim.objects.bulk_create(
            ExpenseClaim(
                membership=m,
                meeting=meeting,
                kind="TRAVEL",
                amount=Decimal("5.50"),
                decided_by=user,
            )
            for m in make_members(n, vawg)
        )
    elif model is Application:
        make_applications(n, vawg)
    elif model is ConsentDocument:
        ConsentDocument.objects.bulk_create(
            ConsentDocument(
                kind="TERMS_OF_REFERENCE",
                version=1000 + i,
                title=f"Terms {i}",
                body="The terms.",
                published_by=user,
            )
            for i in range(n)
        )
    elif model is PncCheck:
        PncCheck.objects.bulk_create(
            PncCheck(application=a, requested_on=timezone.localdate(), requested_by=user)
            for a in make_applications(n, vawg, status="PNC_CHECK")
        )
    elif model is DisclosureView:
        (case,) = make_cases(1, vawg)
        DisclosureView.objects.bulk_create(
            DisclosureView(case=case, viewer_id=user.pk) for _i in range(n)
        )
    elif model is SuitabilityCase:
        make_cases(n, vawg)
    elif model is Theme:
        Theme.objects.bulk_create(Theme(name=f"Theme {i}", position=100 + i) for i in range(n))
    elif model is FeedbackItem:
        meeting = make_meetings(1, vawg, days_ahead=-7)[0]
        theme = Theme.objects.first()
        FeedbackItem.objects.bulk_create(
            FeedbackItem(forum=vawg, meeting=meeting, theme=theme, text="Said.", recorded_by=user)
            for _i in range(n)
        )
    elif model is Recommendation:
        make_recommendations(n, vawg, owner=user)
    elif model is MonthlyReport:
        month = timezone.localdate().replace(day=1)
        reports = []
        for i in range(n):
            reports.append(MonthlyReport(month=month, forum=vawg if i % 2 else None, content={}))
            month = (month - datetime.timedelta(days=1)).replace(day=1)
        MonthlyReport.objects.bulk_create(reports)
    elif model is Opportunity:
        opportunities = Opportunity.objects.bulk_create(
            Opportunity(
                title=f"Opportunity {i}",
                kind="TRAINING",
                run_by="MET",
                description="A day.",
                asks="A day.",
                where="Hendon",
                when="January",
                access="Step-free.",
                closes_on=timezone.localdate(),
            )
            for i in range(n)
        )
        member = make_members(1, vawg)[0]
        Interest.objects.bulk_create(
            Interest(opportunity=o, membership=member) for o in opportunities
        )
    elif model is TranslationCheck:
        TranslationCheck.objects.bulk_create(
            TranslationCheck(language=f"l{i}", checked_by=f"Translator {i}", recorded_by=user)
            for i in range(n)
        )
    else:
        raise AssertionError(f"add {model._meta.label} to changelist_rows")


def changelist(model):
    def build(ctx, n):
        changelist_rows(ctx, n, model)
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    return build


# Other pages: each builds its rows and answers the page's path ----------------------------


def applications_filtered(query):
    def build(ctx, n):
        make_applications(n, ctx.vawg)
        make_applications(n, ctx.disabled, status="IN_REVIEW")
        path = reverse("admin:applications_application_changelist")
        return f"{path}?{query.format(vawg=ctx.vawg.pk)}"

    return build


def application_timeline(ctx, n):
    """One application's page in the admin: its timeline and consents, n rows."""
    (application,) = make_applications(1, ctx.vawg)
    document = ConsentDocument.objects.filter(kind=ConsentDocument.Kind.RECORDING).first()
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(
            application=application,
            from_status="SUBMITTED",
            to_status="IN_REVIEW",
            by=ctx.user,
            reason="Moved.",
        )
        for _i in range(n // 2)
    )
    Consent.objects.bulk_create(
        Consent(application=application, document=document, given=True) for _i in range(n // 2)
    )
    return reverse("admin:applications_application_change", args=[application.pk])


def retention(ctx, n):
    """Unsuccessful applications past their six months, every other one held."""
    closed = timezone.now() - datetime.timedelta(days=400)
    applications = make_applications(n, ctx.vawg, status="WITHDRAWN", closed_at=closed)
    RetentionHold.objects.bulk_create(
        RetentionHold(application=a, reason="A complaint.", placed_by=ctx.user)
        for a in applications[::2]
    )
    return reverse("admin:applications_application_retention")


def representation(ctx, n):
    EqualityMonitoring.objects.bulk_create(
        EqualityMonitoring(application_id=m.application_id, age_band="25_34", sex="FEMALE")
        for m in make_members(n, ctx.vawg)
    )
    return reverse("admin:programme_forum_representation", args=[ctx.vawg.pk])


def attendance(ctx, n):
    meeting = make_meetings(1, ctx.vawg, days_ahead=-1)[0]
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=m, attended=True)
        for m in make_members(n, ctx.vawg)[::2]
    )
    return reverse("admin:forums_meeting_attendance", args=[meeting.pk])


def my_forums(ctx, n):
    grant(ctx.user, "programme.work_with_forum", make_forums(n))
    return reverse("forums:my-forums")


def forum_page(ctx, n):
    """The partner's forum: n members and n other applications."""
    make_members(n, ctx.disabled)
    make_applications(n, ctx.disabled)
    make_meetings(n, ctx.disabled)
    make_meetings(n, ctx.disabled, days_ahead=-1, every=-datetime.timedelta(days=1))
    return reverse("forums:forum", args=["disabled-victims"])


def meeting_page(slug):
    def build(ctx, n):
        return meeting_rows(ctx, n, Forum.objects.get(slug=slug))

    return build


def meeting_rows(ctx, n, forum):
    """A coming meeting: n members, invited, with their answers about recording; n
    suggestions, some decided; three items on the agenda."""
    meeting = make_meetings(1, forum)[0]
    members = make_members(n, forum)
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, membership=m, sent_at=timezone.now(), sent_sequence=0)
        for m in members
    )
    document = ConsentDocument.objects.filter(kind=ConsentDocument.Kind.RECORDING).first()
    RecordingConsent.objects.bulk_create(
        RecordingConsent(membership=m, document=document, meeting=meeting, given=True)
        for m in members
    )
    agenda = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, title=f"Item {i}", status="ACCEPTED") for i in range(3)
    )
    statuses = itertools.cycle(["PROPOSED", "PROPOSED", "MERGED", "DECLINED"])
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            title=f"Suggestion {i}",
            proposed_by=m,
            status=status,
            merged_into=agenda[0] if status == "MERGED" else None,
            decline_reason="Covered last time." if status == "DECLINED" else "",
        )
        for i, (m, status) in enumerate(zip(members, statuses, strict=False))
    )
    return reverse("forums:meeting", args=[forum.slug, meeting.pk])


def feedback_index(ctx, n):
    forums = make_forums(n)
    Forum.facilitators.through.objects.bulk_create(
        Forum.facilitators.through(forum=forum, user=ctx.user) for forum in forums
    )
    make_recommendations(n, ctx.vawg)
    return reverse("feedback:index")


def recommendations(ctx, n):
    make_recommendations(n, ctx.vawg, owner=ctx.user)
    return reverse("feedback:recommendations")


def recommendation_timeline(ctx, n):
    (recommendation,) = make_recommendations(1, ctx.vawg, status=Status.SENT)
    RecommendationEvent.objects.bulk_create(
        RecommendationEvent(
            recommendation=recommendation, to_status=Status.SENT, by=ctx.user, words="Sent on."
        )
        for _i in range(n)
    )
    return reverse("feedback:recommendation", args=[recommendation.pk])


def record_feedback(ctx, n):
    """Recording feedback: chooses from the forum's past meetings and every theme."""
    make_meetings(n, ctx.vawg, days_ahead=-1, every=-datetime.timedelta(days=1))
    Theme.objects.bulk_create(Theme(name=f"Theme {i}", position=100 + i) for i in range(n))
    return reverse("feedback:record", args=["vawg"])


def raise_recommendation(ctx, n):
    """Raising a recommendation: chooses a past meeting and an officer among the police."""
    make_meetings(n, ctx.vawg, days_ahead=-1, every=-datetime.timedelta(days=1))
    make_users(n, role=POLICE_LEAD)
    return reverse("feedback:raise", args=["vawg"])


def reports(ctx, n):
    changelist_rows(ctx, n, MonthlyReport)
    return reverse("feedback:reports")


def you_said_rows(ctx, n):
    """n answered recommendations of the VAWG forum, fed back at a meeting."""
    fed_back_at = make_meetings(1, ctx.vawg, days_ahead=-1)[0]
    rows = make_recommendations(
        n,
        ctx.vawg,
        status=Status.FED_BACK,
        accepted=True,
        explanation="Done.",
        fed_back_at=fed_back_at,
    )
    RecommendationEvent.objects.bulk_create(
        RecommendationEvent(recommendation=r, to_status=to)
        for r in rows
        for to in (Status.IN_PROGRESS, Status.FED_BACK)
    )


def you_said(ctx, n):
    you_said_rows(ctx, n)
    return reverse("feedback:you-said", args=["vawg"])


def member_you_said(ctx, n):
    you_said_rows(ctx, n)
    return reverse("member-you-said")


def member_home(ctx, n):
    meetings = make_meetings(n, ctx.vawg)
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, title="Item", status="ACCEPTED") for m in meetings
    )
    Invitation.objects.bulk_create(
        Invitation(meeting=m, membership=ctx.membership) for m in meetings
    )
    return reverse("members:home")


def member_meeting(ctx, n):
    """A meeting whose agenda is published: n items, and n suggestions of the member."""
    meeting = make_meetings(1, ctx.vawg, agenda_published_at=timezone.now())[0]
    Invitation.objects.create(meeting=meeting, membership=ctx.membership)
    agenda = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, title=f"Item {i}", status="ACCEPTED") for i in range(n)
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            title=f"Suggestion {i}",
            proposed_by=ctx.membership,
            status="MERGED",
            merged_into=item,
        )
        for i, item in enumerate(agenda)
    )
    return reverse("members:meeting", args=[meeting.pk])


def attended_meetings(ctx, n):
    """n meetings in the last six months that the member attended."""
    meetings = make_meetings(n, ctx.vawg, days_ahead=-1, every=-datetime.timedelta(hours=3))
    Attendance.objects.bulk_create(
        Attendance(meeting=m, membership=ctx.membership, attended=True) for m in meetings
    )
    return meetings


def member_claims(ctx, n):
    ExpenseClaim.objects.bulk_create(
        ExpenseClaim(membership=ctx.membership, meeting=m, kind="TRAVEL", amount=Decimal("5"))
        for m in attended_meetings(ctx, n)
    )
    return reverse("members:claims")


def member_claim_new(ctx, n):
    attended_meetings(ctx, n)
    return reverse("members:claim-new")


def choose_forums(ctx, n):
    """The application form's forum choice, with n forums open for applications."""
    make_forums(n)
    for slug, answers in valid_answers()[:5]:  # the eligibility questions before it
        ctx.client.post(reverse("applications:step", args=[slug]), answers)
    return reverse("applications:step", args=["forums"])


def panel_cases(ctx, n):
    grant(ctx.user, "vetting.sit_on_panel", make_cases(n, ctx.vawg))
    return reverse("vetting:my-cases")


def panel_case(ctx, n):
    """A case the panel member sits on, whose check disclosed n items."""
    (case,) = make_cases(1, ctx.vawg)
    others = make_users(2, role=PANEL_MEMBER)
    seats = zip(PanelSeat.Seat, [others[0], ctx.user, others[1]], strict=True)
    PanelSeat.objects.bulk_create(PanelSeat(case=case, seat=s, member=u) for s, u in seats)
    grant(ctx.user, "vetting.sit_on_panel", [case])
    Disclosure.objects.bulk_create(
        Disclosure(
            check_record_id=case.check_record_id,
            offence=f"Offence {i}",
            offence_date="2019",
            disposal="Caution",
        )
        for i in range(n)
    )
    return reverse("vetting:case", args=[case.pk])


def programme_home(ctx, n):
    """The admin's index for VVF staff: n rows behind each of its lines."""
    vawg, today = ctx.vawg, timezone.localdate()
    for status in ("SUBMITTED", "ONBOARDING", "ACCEPTED"):
        make_applications(n, vawg, status=status)
    make_applications(n, ctx.disabled, status="IN_REVIEW")
    PncCheck.objects.bulk_create(
        PncCheck(application=a, requested_on=today - datetime.timedelta(days=i % 90))
        for i, a in enumerate(make_applications(n, vawg, status="PNC_CHECK"))
    )
    others = make_users(3, role=PANEL_MEMBER)
    PanelSeat.objects.bulk_create(
        PanelSeat(case=case, seat=seat, member=member)
        for case in make_cases(n, vawg)
        for seat, member in zip(PanelSeat.Seat, others, strict=True)
    )
    members = make_members(n, vawg)
    meetings = make_meetings(n, vawg, days_ahead=1, every=datetime.timedelta(hours=1))
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, membership=m, access_needs="Step-free access")
        for meeting, m in zip(meetings, members, strict=True)
    )
    ExpenseClaim.objects.bulk_create(
        ExpenseClaim(
            membership=m,
            meeting=meetings[0],
            kind="TRAVEL",
            amount=Decimal("5"),
            status="APPROVED" if i % 2 else "SUBMITTED",
            decided_at=timezone.now(),
        )
        for i, m in enumerate(members)
    )
    make_recommendations(n, vawg, raised_at=timezone.now() - datetime.timedelta(days=100))
    closed = timezone.now() - datetime.timedelta(days=170)
    RetentionHold.objects.bulk_create(
        RetentionHold(application=a, reason="A complaint.", placed_by=ctx.user)
        for a in make_applications(n, vawg, status="WITHDRAWN", closed_at=closed)[::2]
    )
    return reverse("admin:index")


# The pages --------------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    role: str
    build: object  # (ctx, n) -> the page's path


def admin_changelists():
    return [
        Page(
            f"admin {model._meta.label_lower}",
            "staff" if model._meta.app_label in STAFF_APPS else "superuser",
            changelist(model),
        )
        for model in admin.site._registry
    ]


PAGES = [
    *admin_changelists(),
    Page("admin applications ?status", "staff", applications_filtered("status=SUBMITTED")),
    Page("admin applications ?forum", "staff", applications_filtered("forums__id__exact={vawg}")),
    Page("admin applications ?q", "staff", applications_filtered("q=Applicant")),
    Page("admin application timeline", "staff", application_timeline),
    Page("admin retention", "staff", retention),
    Page("admin programme home", "staff", programme_home),
    Page("admin representation", "staff", representation),
    Page("admin meeting attendance", "staff", attendance),
    Page("forums:my-forums", "partner", my_forums),
    Page("forums:forum", "partner", forum_page),
    Page("forums:meeting", "facilitator", meeting_page("vawg")),
    Page("forums:meeting (partner)", "partner", meeting_page("disabled-victims")),
    Page("feedback:index", "facilitator", feedback_index),
    Page("feedback:recommendations", "police", recommendations),
    Page("feedback:recommendation", "police", recommendation_timeline),
    Page("feedback:record", "facilitator", record_feedback),
    Page("feedback:raise", "facilitator", raise_recommendation),
    Page("feedback:reports", "police", reports),
    Page("feedback:you-said", "facilitator", you_said),
    Page("member-you-said", "member", member_you_said),
    Page("members:home", "member", member_home),
    Page("members:meeting", "member", member_meeting),
    Page("members:claims", "member", member_claims),
    Page("members:claim-new", "member", member_claim_new),
    Page("vetting:my-cases", "panel", panel_cases),
    Page("vetting:case", "panel", panel_case),
    Page("applications:step forums", "applicant", choose_forums),
]


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_stays_within_the_query_budget(page, n):
    ctx = SimpleNamespace(
        client=Client(),
        vawg=Forum.objects.get(slug="vawg"),
        disabled=Forum.objects.select_related("run_by").get(slug="disabled-victims"),
    )
    ROLES[page.role](ctx)
    path = page.build(ctx, n)
    # Counted on the second visit, as in a running service: the first reads what a
    # process caches for good (content types) and stamps the session, which is written
    # at most once a minute (accounts.middleware).
    ctx.client.get(path)

    with CaptureQueriesContext(connection) as queries:
        response = ctx.client.get(path)

    assert response.status_code == 200, path
    print(f"{page.name}, {n} rows: {len(queries)} queries")
    assert len(queries) <= BUDGET, "\n".join(q["sql"][:300] for q in queries.captured_queries)


def test_the_applications_changelist_shows_100_a_page():
    ctx = SimpleNamespace(client=Client())
    ROLES["staff"](ctx)
    make_applications(150, Forum.objects.get(slug="vawg"))

    response = ctx.client.get(reverse("admin:applications_application_changelist"))

    assert len(response.context["cl"].result_list) == 100
