"""Every URL of the service, for every role: the answer each may get.

The list of URLs comes from the URL configuration itself, so a new URL fails this test
until its expected answers are written down here.
"""

from fnmatch import fnmatch

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from applications.services import status_token
from tests.conftest import sign_in
from tests.factories import ApplicationFactory

# "member" is a member of the VAWG forum, signed in through their emailed link (no
# password: to the staff pages they are as anonymous).
ROLES = [
    "anonymous",
    "applicant",
    "vvf_staff",
    "panel",
    "partner",
    "facilitator",
    "police",
    "member",
]
SIGNED_IN = ["vvf_staff", "panel", "partner", "facilitator", "police"]
GROUP = {
    "vvf_staff": "VVF staff",
    "panel": "Panel member",
    "partner": "External partner",
    "facilitator": "Facilitator",
    "police": "Police lead",
}


def everyone(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status, otherwise):
    return {role: status if role in SIGNED_IN else otherwise for role in ROLES}


def applicant_only(status):
    return {role: status if role == "applicant" else 404 for role in ROLES}


def member_only(status, otherwise=302):
    return {role: status if role == "member" else otherwise for role in ROLES}


def roles_only(status, *roles):
    """A page behind a role gate (accounts.roles.role_required): those roles get `status`
    (405 for a GET of a POST-only page), other signed-in roles 404, visitors sign in."""
    return {**signed_in(404, otherwise=302), **dict.fromkeys(roles, status)}


FORUM_PEOPLE = ("vvf_staff", "partner", "facilitator")


def runs_vawg(status):
    """A page of a VAWG meeting: for VVF staff and the VAWG facilitator."""
    return {**signed_in(404, otherwise=302), "vvf_staff": status, "facilitator": status}


VAWG_MEETING = (("slug", "vawg"), ("pk", "MEETING"))


# (URL name, keyword arguments as pairs) -> the status each role gets for a GET.
# "APPLICANT" stands for the applicant's own signed link; everyone else tries a forged one.
EXPECTED = {
    ("start", None): everyone(200),
    ("privacy", None): everyone(200),
    ("accessibility", None): everyone(200),
    ("cookies", None): everyone(200),
    ("healthz", None): everyone(200),
    ("applications:start", None): everyone(302),
    ("applications:step", (("slug", "date-of-birth"),)): everyone(200),
    ("applications:step", (("slug", "no-such-page"),)): everyone(404),
    ("applications:check", None): everyone(302),
    ("applications:confirmation", None): everyone(302),
    ("applications:ineligible", (("reason", "age"),)): everyone(200),
    ("applications:save", None): everyone(302),
    ("applications:saved", None): everyone(200),
    ("applications:keep-alive", None): everyone(405),
    ("applications:resume", (("token", "APPLICANT"),)): applicant_only(200),
    ("applications:status", (("token", "APPLICANT"),)): applicant_only(200),
    ("applications:status-contact", (("token", "APPLICANT"),)): applicant_only(200),
    ("applications:status-withdraw", (("token", "APPLICANT"),)): applicant_only(200),
    ("applications:question", None): everyone(200),
    ("applications:question-sent", None): everyone(200),
    ("two_factor:login", None): signed_in(302, otherwise=200),
    ("two_factor:setup", None): signed_in(302, otherwise=302),
    ("two_factor:qr", None): signed_in(404, otherwise=302),
    ("two_factor:setup_complete", None): signed_in(200, otherwise=302),
    ("two_factor:backup_tokens", None): signed_in(200, otherwise=302),
    ("two_factor:profile", None): signed_in(200, otherwise=302),
    ("logout", None): everyone(405),
    ("accounts-home", None): signed_in(200, otherwise=302),
    # The panel: its list is for panel members; a case for the three who sit on it.
    ("vetting:my-cases", None): {**signed_in(404, otherwise=302), "panel": 200},
    ("vetting:case", (("pk", "CASE"),)): {**signed_in(404, otherwise=302), "panel": 200},
    # Forums: for VVF staff, and the partner and facilitators of each forum.
    ("forums:my-forums", None): {
        **signed_in(200, otherwise=302),
        "panel": 404,
        "police": 404,
    },
    ("forums:forum", (("slug", "disabled-victims"),)): {
        **signed_in(404, otherwise=302),
        "vvf_staff": 200,
        "partner": 200,
    },
    ("forums:forum", (("slug", "vawg"),)): {
        **signed_in(404, otherwise=302),
        "vvf_staff": 200,
        "facilitator": 200,
    },
    # A VAWG meeting's pages; the partner runs other forums. Actions are POST only.
    ("forums:meeting", VAWG_MEETING): runs_vawg(200),
    ("forums:meeting", (("slug", "disabled-victims"), ("pk", "OTHER_MEETING"))): {
        **signed_in(404, otherwise=302),
        "vvf_staff": 200,
        "partner": 200,
    },
    # Their own forum's slug does not reach another forum's meeting.
    ("forums:meeting", (("slug", "disabled-victims"), ("pk", "MEETING"))): signed_in(
        404, otherwise=302
    ),
    # Changing, cancelling and sending a meeting: VVF staff and the partner that runs it.
    ("forums:meeting-change", VAWG_MEETING): {**signed_in(404, otherwise=302), "vvf_staff": 200},
    ("forums:meeting-change", (("slug", "disabled-victims"), ("pk", "OTHER_MEETING"))): {
        **signed_in(404, otherwise=302),
        "vvf_staff": 200,
        "partner": 200,
    },
    ("forums:meeting-invite", VAWG_MEETING): roles_only(405, *FORUM_PEOPLE),
    ("forums:meeting-attendance", VAWG_MEETING): roles_only(405, *FORUM_PEOPLE),
    ("forums:agenda-add", VAWG_MEETING): roles_only(405, *FORUM_PEOPLE),
    ("forums:agenda-decide", (*VAWG_MEETING, ("item_pk", "ITEM"))): roles_only(405, *FORUM_PEOPLE),
    ("forums:agenda-publish", VAWG_MEETING): roles_only(405, *FORUM_PEOPLE),
    ("forums:note-save", VAWG_MEETING): roles_only(405, *FORUM_PEOPLE),
    ("forums:recording-upload", VAWG_MEETING): roles_only(405, *FORUM_PEOPLE),
    ("forums:note-finalise", VAWG_MEETING): roles_only(405, *FORUM_PEOPLE),
    ("forums:support-close", (*VAWG_MEETING, ("request_pk", "SUPPORT"))): roles_only(
        405, *FORUM_PEOPLE
    ),
    # Feedback: VVF staff and facilitators record it; police leads read and answer.
    ("feedback:index", None): {**runs_vawg(200), "police": 200},
    ("feedback:recommendations", None): {**runs_vawg(200), "police": 200},
    ("feedback:recommendation", (("pk", "RECOMMENDATION"),)): {**runs_vawg(200), "police": 200},
    ("feedback:recommendation-move", (("pk", "RECOMMENDATION"),)): roles_only(
        405, "vvf_staff", "facilitator", "police"
    ),
    ("feedback:record", (("slug", "vawg"),)): runs_vawg(200),
    ("feedback:record", (("slug", "disabled-victims"),)): {
        **signed_in(404, otherwise=302),
        "vvf_staff": 200,
    },
    ("feedback:raise", (("slug", "vawg"),)): runs_vawg(200),
    # Monthly reports: police leads and VVF staff only. Generating and exporting are POSTs.
    ("feedback:reports", None): {**signed_in(404, otherwise=302), "vvf_staff": 200, "police": 200},
    ("feedback:report", (("pk", "REPORT"),)): {
        **signed_in(404, otherwise=302),
        "vvf_staff": 200,
        "police": 200,
    },
    ("feedback:report-generate", None): roles_only(405, "vvf_staff", "police"),
    ("feedback:report-xlsx", (("pk", "REPORT"),)): roles_only(405, "vvf_staff", "police"),
    ("feedback:report-download", (("token", "forged"),)): signed_in(404, otherwise=302),
    # Members' own pages: signed in through an emailed link, not a password.
    ("members:home", None): member_only(200),
    ("members:sign-in-request", None): everyone(200),
    ("members:link-sent", None): everyone(200),
    ("members:sign-in", (("token", "MEMBER"),)): member_only(200, otherwise=404),
    ("members:sign-out", None): everyone(405),
    ("members:signed-out", None): everyone(200),
    ("members:meeting", (("pk", "MEETING"),)): member_only(200),
    ("members:meeting", (("pk", "OTHER_MEETING"),)): member_only(404),
    ("members:meeting-answer", (("pk", "MEETING"),)): everyone(405),
    ("members:meeting-recording-consent", (("pk", "MEETING"),)): everyone(405),
    ("members:meeting-propose", (("pk", "MEETING"),)): everyone(405),
    ("members:meeting-support", (("pk", "MEETING"),)): everyone(405),
    ("members:claims", None): member_only(200),
    ("members:terms", None): member_only(200),
    ("your-information:index", None): member_only(200),
    ("your-information:contact-details", None): member_only(200),
    ("your-information:correction", None): member_only(200),
    ("your-information:correction-sent", None): member_only(200),
    ("your-information:leave", None): member_only(200),
    ("opportunities:list", None): member_only(200),
    ("forum-opportunities:list", None): roles_only(200, *FORUM_PEOPLE),
    ("forum-opportunities:new", None): roles_only(200, *FORUM_PEOPLE),
    ("forum-opportunities:detail", (("pk", "OPPORTUNITY"),)): runs_vawg(200),
    ("forum-opportunities:detail", (("pk", "OTHER_OPPORTUNITY"),)): {
        **signed_in(404, otherwise=302),
        "vvf_staff": 200,
        "partner": 200,
    },
    ("forum-opportunities:publish", (("pk", "OPPORTUNITY"),)): roles_only(405, *FORUM_PEOPLE),
    ("forum-opportunities:close", (("pk", "OPPORTUNITY"),)): roles_only(405, *FORUM_PEOPLE),
    ("opportunities:met-sharing", None): everyone(405),
    ("opportunities:emails", None): everyone(405),
    ("opportunities:detail", (("pk", "OPPORTUNITY"),)): member_only(200),
    ("opportunities:detail", (("pk", "OTHER_OPPORTUNITY"),)): member_only(404),
    ("opportunities:interest", (("pk", "OPPORTUNITY"),)): everyone(405),
    ("opportunities:withdraw", (("pk", "OPPORTUNITY"),)): everyone(405),
    ("members:claim-new", None): member_only(200),
    # You said, we did: the member's own forum; the forum's page for those who run it.
    ("member-you-said", None): member_only(200),
    ("feedback:you-said", (("slug", "vawg"),)): runs_vawg(200),
    ("feedback:you-said", (("slug", "disabled-victims"),)): {
        **signed_in(404, otherwise=302),
        "vvf_staff": 200,
        "partner": 200,
    },
}

# The admin: only VVF staff get in; for them, what their permissions allow, and 404 for
# records that do not exist.
ADMIN_STAFF_OK = [
    "admin:index",
    "admin:applications_application_changelist",
    "admin:applications_application_export",
    "admin:applications_application_retention",
    "admin:applications_consentdocument_changelist",
    "admin:applications_consentdocument_add",
    "admin:audit_auditentry_changelist",
    "admin:programme_forum_changelist",
    "admin:programme_forum_representation",
    "admin:forums_expenseclaim_changelist",
    "admin:forums_expenseclaim_export",
    "admin:forums_membership_import",
    "admin:forums_membership_import_template",
    "admin:programme_organisation_changelist",
    "admin:accounts_user_changelist",
    "admin:accounts_user_add",
    "admin:vetting_pnccheck_changelist",
    "admin:vetting_disclosureview_changelist",
    "admin:vetting_suitabilitycase_changelist",
    "admin:feedback_theme_changelist",
    "admin:feedback_theme_add",
    "admin:feedback_recommendation_changelist",
    "admin:feedback_feedbackitem_changelist",
    "admin:feedback_monthlyreport_changelist",
    "admin:opportunities_opportunity_changelist",
    "admin:opportunities_opportunity_add",
    "admin:languages_translationcheck_changelist",
    "admin:languages_translationcheck_add",
]


def url_names(resolver=None, namespace=""):
    """(qualified name, route) for every named URL."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", str(entry.pattern)


def test_every_url_has_an_expected_answer_for_every_role():
    known = {name for name, _kwargs in EXPECTED}
    missing = sorted(
        name for name, _route in url_names() if not name.startswith("admin:") and name not in known
    )
    assert missing == [], "add these URLs to EXPECTED in tests/test_access.py"
    assert all(set(answers) == set(ROLES) for answers in EXPECTED.values())


@pytest.fixture
def clients(db):
    application = ApplicationFactory(status="IN_REVIEW")
    from applications.services import draft_save, draft_token

    draft = draft_save(email="a@example.com", answers={})
    tokens = {
        "applications:resume": draft_token(draft),
        "default": status_token(application),
    }
    made = {"anonymous": Client(), "applicant": Client()}
    from tests.factories import UserFactory
    from tests.vetting.helpers import open_case
    from vetting.models import PanelSeat

    case, seats = open_case()
    tokens["case"] = case.pk
    from forums.permissions import sync_forum_access
    from programme.models import Forum

    for role, group in GROUP.items():
        user = UserFactory(role=group, is_staff=role == "vvf_staff")
        made[role] = sign_in(Client(), user)
        if role == "partner":
            Forum.objects.get(slug="disabled-victims").run_by.members.add(user)
        if role == "facilitator":
            Forum.objects.get(slug="vawg").facilitators.add(user)
    for forum in Forum.objects.select_related("run_by"):
        sync_forum_access(forum)
    # The panel member sits on the case; the others do not.
    made["panel"] = sign_in(Client(), seats[PanelSeat.Seat.MPS])
    # A member of the VAWG forum, a VAWG meeting with a proposed item, another forum's
    # meeting, and a sign-in link.
    from forums.services.agendas import agenda_item_propose
    from forums.services.member_links import member_link_send, member_link_token
    from tests.forums.helpers import make_meeting, make_member, sign_in_member

    membership = make_member("vawg")
    made["member"] = sign_in_member(Client(), membership)
    meeting = make_meeting("vawg")
    tokens["meeting"] = meeting.pk
    tokens["other_meeting"] = make_meeting("disabled-victims").pk
    tokens["item"] = agenda_item_propose(meeting=meeting, membership=membership, title="x").pk
    from feedback.services import recommendation_raise

    tokens["recommendation"] = recommendation_raise(
        forum=meeting.forum, meeting=meeting, title="x", detail="y", by=None
    ).pk
    from django.utils import timezone

    from feedback.reports import report_generate

    tokens["report"] = report_generate(month=timezone.localdate()).pk
    tokens["member"] = member_link_token(member_link_send(email=membership.application.email))
    from tests.opportunities.helpers import make_opportunity

    tokens["opportunity"] = make_opportunity("vawg").pk
    tokens["other_opportunity"] = make_opportunity("disabled-victims").pk
    tokens["support"] = 1  # its pages answer POST only: a GET never reaches the record
    return made, tokens


def path_for(name, kwargs, role, tokens):
    from django.urls import reverse

    kwargs = dict(kwargs or ())
    placeholders = {
        "CASE": "case",
        "MEETING": "meeting",
        "OTHER_MEETING": "other_meeting",
        "ITEM": "item",
        "RECOMMENDATION": "recommendation",
        "REPORT": "report",
        "OPPORTUNITY": "opportunity",
        "OTHER_OPPORTUNITY": "other_opportunity",
        "SUPPORT": "support",
    }
    for arg, value in kwargs.items():
        if value in placeholders:
            kwargs[arg] = tokens[placeholders[value]]
    if kwargs.get("token") == "MEMBER":
        kwargs["token"] = tokens["member"] if role == "member" else "forged-token"
    if kwargs.get("token") == "APPLICANT":
        token = tokens.get(name, tokens["default"])
        kwargs = {"token": token if role == "applicant" else "forged-token"}
    return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize(("name", "kwargs"), list(EXPECTED), ids=lambda v: str(v))
def test_each_role_gets_the_expected_answer(clients, name, kwargs):
    made, tokens = clients
    expected = EXPECTED[name, kwargs]

    answers = {
        role: made[role].get(path_for(name, kwargs, role, tokens)).status_code for role in ROLES
    }

    assert answers == expected


def admin_routes():
    return [(name, route) for name, route in url_names() if name.startswith("admin:")]


@pytest.mark.parametrize(("name", "route"), admin_routes(), ids=lambda v: str(v))
def test_the_admin_is_for_vvf_staff_only(clients, name, route):
    from django.urls import reverse

    made, _tokens = clients
    # Records that do not exist: every one of these must answer 404 to staff.
    unknown = {
        "<path:object_id>": "object_id",
        "<int:pk>": "pk",
        "<int:application_pk>": "application_pk",
        "<id>": "id",
        "<str:token>": "token",
        "<path:content_type_id>": "content_type_id",
    }
    kwargs = {arg: "999999" for marker, arg in unknown.items() if marker in route}
    record = bool(kwargs)
    if "(?P<app_label>" in route:
        kwargs["app_label"] = "applications"
    path = reverse(name, kwargs=kwargs or None)

    for role in ROLES:
        if role == "vvf_staff":
            continue
        # Signed in without an admin role: out of reach, 404. Not signed in: sign in.
        expected = 404 if role in SIGNED_IN else 302
        assert made[role].get(path).status_code == expected, (role, path)
    staff_status = made["vvf_staff"].get(path).status_code
    if record:
        assert staff_status == 404, path
    elif any(fnmatch(name, allowed) for allowed in ADMIN_STAFF_OK):
        assert staff_status == 200, path
    else:
        assert staff_status in (200, 302, 404, 405), (path, staff_status)
