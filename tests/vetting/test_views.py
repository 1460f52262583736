import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.vetting.helpers import OFFENCE, RATIONALE, open_case
from vetting.models import DisclosureView

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_and_seats():
    return open_case()


def client_for(user):
    return sign_in(Client(), user)


def test_a_member_sees_their_cases_and_the_disclosure(case_and_seats):
    case, seats = case_and_seats
    member = client_for(seats["MPS"])

    listing = member.get(reverse("vetting:my-cases")).content.decode()
    page = member.get(reverse("vetting:case", args=[case.pk])).content.decode()

    assert case.application.reference in listing
    assert OFFENCE in page
    assert "Canary Applicant" in page
    assert "A conviction does not by itself stop someone joining" in page
    assert "minor offences, such as theft, may not be relevant".lower() in page.lower()
    assert DisclosureView.objects.filter(case=case, viewer_id=seats["MPS"].pk).count() == 1


def test_no_equality_data_on_the_case_page(case_and_seats):
    from applications.models import EqualityMonitoring

    case, seats = case_and_seats
    EqualityMonitoring.objects.create(application=case.application, religion="SIKH")

    page = client_for(seats["MOPAC"]).get(reverse("vetting:case", args=[case.pk]))

    assert "Sikh" not in page.content.decode()


@pytest.mark.parametrize(
    "role", ["Panel member", "VVF staff", "External partner", "Facilitator", "Police lead"]
)
def test_anyone_not_sitting_on_the_case_gets_404(case_and_seats, role):
    case, _seats = case_and_seats
    outsider = client_for(UserFactory(role=role, is_staff=role == "VVF staff"))

    response = outsider.get(reverse("vetting:case", args=[case.pk]))

    assert response.status_code == 404
    assert OFFENCE not in response.content.decode()


@pytest.mark.parametrize("role", ["VVF staff", "External partner", "Facilitator", "Police lead"])
def test_the_panel_list_is_for_panel_members_only(role):
    assert client_for(UserFactory(role=role)).get(reverse("vetting:my-cases")).status_code == 404


def test_anonymous_is_sent_to_sign_in(case_and_seats):
    case, _seats = case_and_seats

    response = Client().get(reverse("vetting:case", args=[case.pk]))

    assert response.status_code == 302


def test_others_decisions_show_once_you_have_recorded_yours(case_and_seats):
    case, seats = case_and_seats
    url = reverse("vetting:case", args=[case.pk])
    client_for(seats["MOPAC"]).post(url, {"decision": "WITHDRAW", "rationale": RATIONALE})
    mps = client_for(seats["MPS"])

    before = mps.get(url).content.decode()
    mps.post(url, {"decision": "ACCEPT", "rationale": "Not relevant to safety"})
    after = mps.get(url).content.decode()

    assert "Shown once you have recorded your decision" in before
    assert RATIONALE not in before
    assert "Withdraw the application" in after
    assert "The panel does not agree yet" in after


def test_unanimous_decision_closes_the_case_and_the_members_access(case_and_seats):
    case, seats = case_and_seats
    url = reverse("vetting:case", args=[case.pk])
    responses = [
        client_for(seat).post(url, {"decision": "ACCEPT", "rationale": RATIONALE})
        for seat in seats.values()
    ]

    assert responses[-1]["Location"] == reverse("vetting:my-cases")
    for seat in seats.values():
        assert client_for(seat).get(url).status_code == 404
    application = case.application
    application.refresh_from_db()
    assert application.status == "ACCEPTED"
    assert not type(case).objects.filter(pk=case.pk).exists()


@pytest.mark.parametrize("seat", ["MOPAC", "MPS", "FACILITATOR"])
def test_each_seat_sees_the_case(case_and_seats, seat):
    case, seats = case_and_seats

    response = client_for(seats[seat]).get(reverse("vetting:case", args=[case.pk]))

    assert response.status_code == 200
    assert OFFENCE in response.content.decode()


def test_a_member_of_another_panel_gets_404(case_and_seats):
    case, _seats = case_and_seats
    _other_case, other_seats = open_case()

    response = client_for(other_seats["MPS"]).get(reverse("vetting:case", args=[case.pk]))

    assert response.status_code == 404


def test_a_superuser_without_a_seat_gets_404_on_the_panel_pages(case_and_seats, django_user_model):
    case, _seats = case_and_seats
    root = django_user_model.objects.create_superuser("root@example.com", "x" * 20)

    response = client_for(root).get(reverse("vetting:case", args=[case.pk]))

    assert response.status_code == 404


def test_a_malformed_admin_id_is_404(user_with_role):
    staff = client_for(user_with_role("VVF staff", is_staff=True))

    assert staff.get("/admin/vetting/pnccheck/abc/change/").status_code == 404


def test_a_decision_needs_reasons(case_and_seats):
    case, seats = case_and_seats

    response = client_for(seats["MPS"]).post(
        reverse("vetting:case", args=[case.pk]), {"decision": "ACCEPT"}
    )

    assert "Give your reasons" in response.content.decode()


def test_staff_opening_a_check_is_audited_tied_to_no_check(case_and_seats, user_with_role):
    from audit.models import AuditEntry

    case, _seats = case_and_seats
    staff = client_for(user_with_role("VVF staff", is_staff=True))

    page = staff.get(reverse("admin:vetting_pnccheck_change", args=[case.check_record.pk]))

    assert page.status_code == 200
    assert set(
        AuditEntry.objects.filter(action="VIEW").values_list("object_type", "object_ref")
    ) == {("vetting.pnccheck", ""), ("vetting.disclosure", "")}


def test_staff_record_a_disclosure_in_the_admin(user_with_role):
    import datetime

    from tests.vetting.helpers import application_at_pnc, panel
    from vetting.models import PncCheck

    staff = client_for(user_with_role("VVF staff", is_staff=True))
    application = application_at_pnc()
    staff.post(
        reverse("admin:vetting_pnccheck_request", args=[application.pk]),
        {"requested_on": "2026-11-01"},
    )
    check = PncCheck.objects.get()
    members = panel()

    staff.post(
        reverse("admin:vetting_pnccheck_result", args=[check.pk]),
        {
            "result": "DISCLOSURE",
            "received_on": "2026-11-20",
            "seat_mopac": members["MOPAC"].pk,
            "seat_mps": members["MPS"].pk,
            "seat_facilitator": members["FACILITATOR"].pk,
            "disclosure-TOTAL_FORMS": "3",
            "disclosure-INITIAL_FORMS": "0",
            "disclosure-0-offence": OFFENCE,
            "disclosure-0-offence_date": "2019",
            "disclosure-0-disposal": "Caution",
        },
    )

    check.refresh_from_db()
    assert (check.result, check.result_received_on) == ("DISCLOSURE", None)
    assert check.suitability_case.result_received_on == datetime.date(2026, 11, 20)
    assert check.suitability_case.seats.count() == 3
    assert check.disclosures.get().offence == OFFENCE
    application.refresh_from_db()
    assert application.status == "PANEL"
