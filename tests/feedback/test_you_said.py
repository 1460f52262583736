"""You said, we did: each forum's recommendations, their answers, and the emails."""

import pytest
from django.core import mail
from django.urls import reverse

from feedback import services
from feedback.models import Status
from feedback.tasks import send_answered
from forums.permissions import sync_forum_access
from tests.conftest import sign_in
from tests.forums.helpers import make_meeting, make_member, sign_in_member

pytestmark = pytest.mark.django_db

FORUM_PAGE = "/feedback/vawg/you-said-we-did/"
MEMBER_PAGE = "/member/you-said-we-did/"


def raise_recommendation(slug="vawg", title="Call victims back within a week"):
    meeting = make_meeting(slug, days_ahead=-7)
    return services.recommendation_raise(
        forum=meeting.forum,
        meeting=meeting,
        title=title,
        detail="Victims wait too long to hear about their case.",
        by=None,
    )


def not_pursue(recommendation, police):
    services.recommendation_move(recommendation=recommendation, to_status=Status.SENT, by=None)
    services.recommendation_move(
        recommendation=recommendation, to_status=Status.UNDER_REVIEW, by=police
    )
    return services.recommendation_move(
        recommendation=recommendation,
        to_status=Status.NOT_PURSUED,
        by=police,
        words="A national system decides this; we have passed it on.",
    )


@pytest.fixture
def facilitator(user_with_role):
    user = user_with_role("Facilitator")
    recommendation = raise_recommendation()
    recommendation.forum.facilitators.add(user)
    sync_forum_access(recommendation.forum)
    return user


def test_member_page_lists_their_forums_recommendations_with_status_and_explanation(
    client, user_with_role
):
    member = make_member(full_name="Rosa Parkinson")
    answered = not_pursue(raise_recommendation(), user_with_role("Police lead"))
    raise_recommendation(title="More evening meetings")
    raise_recommendation("disabled-victims", title="Step-free venues only")
    sign_in_member(client, member)

    response = client.get(MEMBER_PAGE)

    assert response.status_code == 200
    page = response.content.decode()
    assert answered.title in page
    assert "Not taken forward" in page
    assert "A national system decides this; we have passed it on." in page
    assert "More evening meetings" in page
    assert "Being considered by the police" not in page
    assert "Written up, ready to send to the police" in page
    assert "Step-free venues only" not in page
    assert "Rosa" not in page
    assert page.index("More evening meetings") < page.index(answered.title)


def test_member_page_shows_where_it_was_fed_back(client, user_with_role):
    member = make_member()
    police = user_with_role("Police lead")
    recommendation = raise_recommendation()
    services.recommendation_move(recommendation=recommendation, to_status=Status.SENT, by=None)
    services.recommendation_move(
        recommendation=recommendation, to_status=Status.UNDER_REVIEW, by=police
    )
    services.recommendation_move(
        recommendation=recommendation,
        to_status=Status.IN_PROGRESS,
        by=police,
        words="Officers will call back within five working days.",
    )
    meeting = make_meeting(days_ahead=-1)
    services.recommendation_move(
        recommendation=recommendation, to_status=Status.FED_BACK, by=None, fed_back_at=meeting
    )
    sign_in_member(client, member)

    page = client.get(MEMBER_PAGE).content.decode()

    assert "Accepted" in page
    assert "Officers will call back within five working days." in page
    assert f"At the meeting on {meeting.starts_at:%-d %B %Y}" in page


def test_member_page_needs_a_signed_in_member(client):
    response = client.get(MEMBER_PAGE)

    assert response.status_code == 302
    assert response.url == reverse("members:sign-in-request")


def test_member_home_links_to_you_said(client):
    sign_in_member(client, make_member())

    page = client.get(reverse("members:home")).content.decode()

    assert f'href="{MEMBER_PAGE}"' in page


def test_forum_page_for_its_facilitator(client, facilitator):
    make_member(full_name="Noor Facilitated")
    sign_in(client, facilitator)

    response = client.get(FORUM_PAGE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Call victims back within a week" in page
    assert "Written up, ready to send to the police" in page
    assert "Noor" not in page
    assert f'href="{FORUM_PAGE}"' in client.get("/forums/vawg/").content.decode()


def test_forum_page_queries_do_not_grow_with_recommendations(
    client, facilitator, django_assert_max_num_queries
):
    sign_in(client, facilitator)
    with django_assert_max_num_queries(30) as one:
        client.get(FORUM_PAGE)
    for n in range(5):
        raise_recommendation(title=f"Idea number {n}")

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(FORUM_PAGE)

    assert response.content.decode().count('class="govuk-summary-card__title"') == 6


@pytest.mark.parametrize("role", ["Facilitator", "Police lead", "Panel member"])
def test_forum_page_is_404_for_others(client, user_with_role, role):
    raise_recommendation()
    other = user_with_role(role)
    if role == "Facilitator":
        meeting = make_meeting("disabled-victims")
        meeting.forum.facilitators.add(other)
        sync_forum_access(meeting.forum)
    sign_in(client, other)

    assert client.get(FORUM_PAGE).status_code == 404


def test_forum_page_sends_the_anonymous_to_sign_in(client):
    response = client.get(FORUM_PAGE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor:login"))


def test_an_answer_emails_each_current_member_and_the_facilitator(facilitator, user_with_role):
    members = [make_member(), make_member()]
    make_member("disabled-victims")
    recommendation = not_pursue(
        facilitator.facilitated_forums.get().recommendations.get(), user_with_role("Police lead")
    )

    sent = send_answered(recommendation.pk)

    assert sent == 3
    by_address = {message.to[0]: message for message in mail.outbox}
    expected = {facilitator.email} | {m.application.email for m in members}
    assert set(by_address) == expected
    forum_name = recommendation.forum.name
    for member in members:
        message = by_address[member.application.email]
        assert message.subject == "You said, we did: an update from your forum"
        assert f"http://testserver{MEMBER_PAGE}" in message.body
    message = by_address[facilitator.email]
    assert message.subject == "A forum recommendation has been answered"
    assert f"http://testserver{FORUM_PAGE}" in message.body
    assert all(forum_name not in m.subject for m in mail.outbox)
