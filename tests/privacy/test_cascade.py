"""The deletion every rule and erasure goes through (privacy/cascade.py): the same rows go
as with Django's own cascading delete, in one statement a table."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.deletion import Collector
from django.test.utils import CaptureQueriesContext

from applications.models import Application
from forums.models import AgendaItem, ExpenseClaim, MemberLink
from forums.services import agendas, meetings, notes, support
from opportunities.services import interest_register, met_sharing_record
from privacy import cascade, holds
from tests.forums.helpers import make_meeting, make_member
from tests.opportunities.helpers import make_opportunity
from tests.vetting.helpers import open_case

pytestmark = pytest.mark.django_db


def everything_hanging_from_applications():
    """A member with attendance, an invitation, agenda items (one merged into by another
    member's), a claim, a sign-in link, an answer about recording, an interest in an
    opportunity, consent to sharing with the Met and a request for support; an applicant
    at a panel; a bystander."""
    member, bystander = make_member(), make_member()
    meeting = make_meeting("vawg", days_ahead=14)
    meetings.invitations_send(meeting=meeting)
    past = make_meeting("vawg", days_ahead=-7)
    meetings.attendance_record(meeting=past, attended_ids={member.pk})
    theirs = agendas.agenda_item_propose(meeting=meeting, membership=member, title="Mine")
    agendas.agenda_item_decide(item=theirs, status=AgendaItem.Status.ACCEPTED)
    theirs.refresh_from_db()
    other = agendas.agenda_item_propose(meeting=meeting, membership=bystander, title="B")
    agendas.agenda_item_decide(item=other, status=AgendaItem.Status.MERGED, merged_into=theirs)
    ExpenseClaim.objects.create(membership=member, meeting=meeting, kind="OTHER", amount="3.00")
    MemberLink.objects.create(membership=member, nonce="n" * 40)
    notes.recording_consent_record(meeting=meeting, membership=member, given=True)
    opportunity = make_opportunity("vawg")
    interest_register(opportunity=opportunity, membership=member, needs="A lift")
    met_sharing_record(membership=member, given=True)
    support.support_request_make(meeting=past, membership=member, contact_by="PHONE")
    holds.hold_place(application=member.application, reason="A complaint", by=None)
    case, _seats = open_case()
    return [member.application, case.check_record.application], bystander, other


def rows_per_table():
    return {
        model: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def what_django_would_delete(objects):
    collector = Collector(using="default")
    collector.collect(objects)
    gone = {model: len(instances) for model, instances in collector.data.items()}
    for queryset in collector.fast_deletes:
        gone[queryset.model] = gone.get(queryset.model, 0) + queryset.count()
    return {model: n for model, n in gone.items() if n}


def test_the_same_rows_go_as_with_djangos_cascade():
    doomed, bystander, merged = everything_hanging_from_applications()
    expected = what_django_would_delete(doomed)
    assert len(expected) >= 15, "the fixture covers most tables hanging from an application"
    before = rows_per_table()

    deleted = cascade.delete(Application, [a.pk for a in doomed])

    after = rows_per_table()
    gone = {
        model: before[model] - after[model] for model in before if before[model] != after[model]
    }
    assert gone == expected
    assert deleted == 2
    merged.refresh_from_db()
    assert merged.merged_into is None  # SET_NULL: the other member's item stays, unlinked
    assert Application.objects.filter(pk=bystander.application_id).exists()


def test_one_statement_a_table_whatever_the_batch():
    doomed, _bystander, _merged = everything_hanging_from_applications()
    steps = len(cascade.plan(Application))
    with CaptureQueriesContext(connection) as queries:
        cascade.delete(Application, [a.pk for a in doomed])
    files = sum(1 for step in cascade.plan(Application) if step.files)
    assert len(queries) == steps + files


def test_nothing_to_delete_runs_no_query():
    with CaptureQueriesContext(connection) as queries:
        assert cascade.delete(Application, []) == 0
    assert len(queries) == 0
