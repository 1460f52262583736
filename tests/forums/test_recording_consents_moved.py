"""Members' answers about recording moved from the consent register to forums'
RecordingConsent (issue 18): each answer is carried over with its wording and time, in
order, and the register keeps the application's own consents."""

import datetime

from django.utils import timezone

from applications.models import Consent, ConsentDocument
from forums.models import RecordingConsent
from tests.forums.helpers import make_meeting, make_member
from tests.migrating import latest, migrate

BEFORE = [("forums", "0010_forums_to_programme"), ("applications", "0009_forums_to_programme")]


def test_answers_about_recording_move_with_their_wording_and_time(committed_db):
    member = make_member(agreed_terms=False)
    meeting = make_meeting()
    recording = ConsentDocument.objects.get(kind="RECORDING", language="en-gb", version=1)
    pnc = ConsentDocument.objects.get(kind="PNC_CHECK", language="en-gb", version=1)
    first = timezone.now() - datetime.timedelta(days=2)
    second = first + datetime.timedelta(hours=1)

    old = migrate([BEFORE[0]], state=BEFORE)
    try:
        OldConsent = old.get_model("applications", "Consent")
        for document, meeting_id, given, at in [
            (pnc, None, True, first),
            (recording, meeting.pk, True, first),
            (recording, meeting.pk, False, second),
        ]:
            OldConsent.objects.create(
                application_id=member.application_id,
                document_id=document.pk,
                meeting_id=meeting_id,
                given=given,
                recorded_at=at,
            )

        migrate(latest())

        assert [(c.document, c.given) for c in Consent.objects.all()] == [(pnc, True)]
        assert [
            (a.membership, a.meeting, a.document, a.given, a.recorded_at)
            for a in RecordingConsent.objects.all()
        ] == [
            (member, meeting, recording, True, first),
            (member, meeting, recording, False, second),
        ]
    finally:
        migrate(latest())
