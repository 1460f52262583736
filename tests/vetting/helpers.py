import datetime

from applications.models import Consent, ConsentDocument
from tests.factories import ApplicationFactory, UserFactory
from vetting import services
from vetting.models import PanelSeat

OFFENCE = "Canary offence 9b1e"
NOTES = "Canary notes 77af"
RATIONALE = "Canary rationale 41cd"


def application_at_pnc(consented=True):
    from programme.models import Forum

    application = ApplicationFactory(
        status="PNC_CHECK",
        full_name="Canary Applicant 5e2d",
        forums=[Forum.objects.get(slug="vawg")],
    )
    Consent.objects.create(
        application=application,
        document=ConsentDocument.objects.get(kind="PNC_CHECK", language="en-gb", version=1),
        given=consented,
    )
    return application


def panel():
    """Three panel members; the facilitator's seat facilitates the VAWG forum."""
    from programme.models import Forum

    seats = {
        seat: UserFactory(role="Panel member", full_name=f"{seat} member")
        for seat in PanelSeat.Seat
    }
    Forum.objects.get(slug="vawg").facilitators.add(seats[PanelSeat.Seat.FACILITATOR])
    return seats


def open_case(seats=None, staff=None):
    application = application_at_pnc()
    check = services.check_request(
        application=application, requested_on=datetime.date.today(), by=staff
    )
    seats = seats or panel()
    case = services.check_record_disclosure(
        check=check,
        received_on=datetime.date.today(),
        items=[{"offence": OFFENCE, "offence_date": "2019", "disposal": "Caution", "notes": NOTES}],
        seats=seats,
        by=staff,
    )
    return case, seats
