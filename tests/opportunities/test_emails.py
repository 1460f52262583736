"""Publishing an opportunity emails, through a real Celery worker, each current member of
its forums once, unless they asked not to be emailed; the email names no opportunity."""

from opportunities.models import Opportunity
from opportunities.tasks import send_opportunity_published
from tests.conftest import sent_emails, wait_until
from tests.forums.helpers import make_member
from tests.opportunities.helpers import make_opportunity


def body_of(message):
    return message.get_payload(decode=True).decode()


def test_the_members_of_its_forums_are_emailed_once_through_the_worker(celery_worker):
    wants = make_member("vawg", email="wants@example.com")
    declined = make_member("vawg", email="declined@example.com")
    declined.opportunity_emails = False
    declined.save()
    make_member("disabled-victims", email="other-forum@example.com")

    opportunity = make_opportunity("vawg", title="Observe a day of police training")

    (message,) = sent_emails(celery_worker, 1)
    assert message["To"] == wants.application.email
    assert message["Subject"] == "A new opportunity for your forum"
    body = body_of(message)
    assert f"/member/opportunities/{opportunity.pk}/" in body
    assert "police training" not in body + message["Subject"]
    assert wait_until(lambda: Opportunity.objects.get(pk=opportunity.pk).emailed_at)
    assert len(sent_emails(celery_worker, 2, timeout=3)) == 1  # and no one else after
    # Handed to a worker again (as Celery may): nobody is emailed twice.
    assert send_opportunity_published(opportunity.pk) == 0


def test_a_request_for_support_tells_the_inbox_and_the_facilitators_nothing_more(
    celery_worker,
):
    from forums.services import meetings, support
    from tests.factories import UserFactory
    from tests.forums.helpers import make_meeting

    member = make_member("vawg", full_name="Rosa Quillfeather")
    meeting = make_meeting("vawg", days_ahead=-1)
    meetings.attendance_record(meeting=meeting, attended_ids={member.pk})
    facilitator = UserFactory(role="Facilitator", email="facilitator@example.com")
    meeting.forum.facilitators.add(facilitator)

    support.support_request_make(
        meeting=meeting, membership=member, contact_by="PHONE", words="It was a hard night"
    )

    messages = sent_emails(celery_worker, 2)
    assert {m["To"] for m in messages} == {
        "victimvoice@mopac.london.gov.uk",
        "facilitator@example.com",
    }
    for message in messages:
        text = message["Subject"] + body_of(message)
        assert f"/forums/vawg/meetings/{meeting.pk}/#support" in text
        for private in ["Rosa", "Quillfeather", "hard night", member.application.email]:
            assert private not in text
