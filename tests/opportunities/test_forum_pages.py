"""The partner and facilitators write, publish and close opportunities for the forums
they work with, and see the interest of those forums' members only."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums.permissions import sync_forum_access
from opportunities import services
from opportunities.models import Opportunity
from programme.models import Forum
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_member
from tests.opportunities.helpers import make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator():
    user = UserFactory(role="Facilitator")
    forum = Forum.objects.get(slug="vawg")
    forum.facilitators.add(user)
    sync_forum_access(forum)
    return sign_in(Client(), user)


@pytest.fixture
def partner():
    user = UserFactory(role="External partner")
    forum = Forum.objects.get(slug="disabled-victims")
    forum.run_by.members.add(user)
    for each in forum.run_by.forums.all():
        sync_forum_access(each)
    return sign_in(Client(), user)


def answers(**changed):
    closes = timezone.localdate() + datetime.timedelta(days=10)
    return {
        "title": "A walk round a custody suite",
        "kind": "TRAINING",
        "run_by": "MET",
        "description": "See how people are looked after in custody.",
        "asks": "Two hours.",
        "where": "Lewisham",
        "when": "A Saturday morning",
        "access": "Step-free.",
        "closes_on_0": closes.day,
        "closes_on_1": closes.month,
        "closes_on_2": closes.year,
        "forums": [Forum.objects.get(slug="vawg").pk],
        **changed,
    }


def test_a_facilitator_writes_a_draft_and_publishes_it(facilitator):
    form = facilitator.get(reverse("forum-opportunities:new")).context["form"]
    assert [f.slug for f in form.fields["forums"].queryset] == ["vawg"]

    saved = facilitator.post(reverse("forum-opportunities:new"), answers())

    opportunity = Opportunity.objects.get()
    assert saved.url == reverse("forum-opportunities:detail", args=[opportunity.pk])
    assert opportunity.status == "DRAFT"
    facilitator.post(reverse("forum-opportunities:publish", args=[opportunity.pk]))
    assert Opportunity.objects.get().status == "PUBLISHED"


def test_missing_answers_a_past_date_and_another_forum_are_refused_kindly(facilitator):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    refused = facilitator.post(
        reverse("forum-opportunities:new"),
        answers(
            title="",
            closes_on_0=yesterday.day,
            closes_on_1=yesterday.month,
            closes_on_2=yesterday.year,
            forums=[Forum.objects.get(slug="lgbtq-victims").pk],
        ),
    )

    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Enter a title" in html
    assert "Set a closing date of today or later" in html
    assert "A walk round a custody suite" not in html  # the title was left empty
    assert "See how people are looked after in custody." in html  # kept
    assert not Opportunity.objects.exists()


def test_the_partner_sees_its_own_forums_opportunities_and_members_only(partner):
    theirs = make_opportunity("disabled-victims")
    shared = make_opportunity("disabled-victims", "vawg")
    not_theirs = make_opportunity("vawg")
    mine, other = make_member("disabled-victims"), make_member("vawg", full_name="Vera Vawg")
    for member in (mine, other):
        services.interest_register(opportunity=shared, membership=member)

    listed = partner.get(reverse("forum-opportunities:list")).context["opportunities"]
    assert {o: o.interested for o in listed} == {theirs: 0, shared: 1}  # their forums' only
    assert partner.get(reverse("forum-opportunities:detail", args=[not_theirs.pk])).status_code == (
        404
    )
    page = partner.get(reverse("forum-opportunities:detail", args=[shared.pk]))
    assert [i.membership for i in page.context["interests"]] == [mine]
    assert "Vera" not in page.content.decode()
    # Open to a forum the partner does not run too: not theirs to close.
    assert not page.context["can_close"]
    assert partner.post(reverse("forum-opportunities:close", args=[shared.pk])).status_code == 404
    assert Opportunity.objects.get(pk=shared.pk).status == "PUBLISHED"
