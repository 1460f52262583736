"""An opportunity's status moves (OPPORTUNITY_MOVES): every allowed and refused pair,
each move recorded, and publishing's own checks."""

import datetime
import itertools

import pytest
from django.utils import timezone

from audit.models import PendingTask
from opportunities.models import OPPORTUNITY_MOVES, Opportunity, OpportunityEvent
from opportunities.services import OpportunityError, opportunity_transition
from tests.factories import UserFactory
from tests.opportunities.helpers import make_opportunity

pytestmark = pytest.mark.django_db

Status = Opportunity.Status


def test_the_table_names_every_status():
    assert set(OPPORTUNITY_MOVES) == set(Status)


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.product(Status, Status)))
def test_each_pair_is_allowed_or_refused_as_the_table_says(from_status, to_status):
    opportunity = make_opportunity(publish=False)
    Opportunity.objects.filter(pk=opportunity.pk).update(status=from_status)
    staff = UserFactory()

    if to_status in OPPORTUNITY_MOVES[from_status]:
        moved = opportunity_transition(opportunity=opportunity, to_status=to_status, by=staff)
        assert moved.status == to_status
        event = OpportunityEvent.objects.get(opportunity=opportunity)
        assert (event.from_status, event.to_status, event.by) == (from_status, to_status, staff)
    else:
        with pytest.raises(OpportunityError):
            opportunity_transition(opportunity=opportunity, to_status=to_status, by=staff)
        assert Opportunity.objects.get(pk=opportunity.pk).status == from_status
        assert not OpportunityEvent.objects.exists()


def test_publishing_queues_the_members_email_and_sets_the_date():
    opportunity = make_opportunity()

    assert opportunity.published_at is not None
    assert PendingTask.objects.filter(
        task="opportunities.tasks.send_opportunity_published", args=[opportunity.pk]
    ).exists()


def test_an_opportunity_past_its_closing_date_or_open_to_no_forum_is_not_published():
    past = make_opportunity(publish=False, closes_in_days=-1)
    with pytest.raises(OpportunityError, match="closing date"):
        opportunity_transition(opportunity=past, to_status=Status.PUBLISHED)

    nowhere = make_opportunity(publish=False)
    nowhere.forums.clear()
    with pytest.raises(OpportunityError, match="at least one forum"):
        opportunity_transition(opportunity=nowhere, to_status=Status.PUBLISHED)

    assert not Opportunity.objects.filter(status=Status.PUBLISHED).exists()


def test_open_means_published_and_not_past_its_closing_day():
    today = timezone.localdate()
    last_day = make_opportunity(closes_in_days=0)
    make_opportunity(publish=False)
    closed = make_opportunity()
    opportunity_transition(opportunity=closed, to_status=Status.CLOSED)

    assert list(Opportunity.objects.open(today)) == [last_day]
    assert not Opportunity.objects.open(today + datetime.timedelta(days=1)).exists()
