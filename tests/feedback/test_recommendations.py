import pytest
from django.urls import reverse

from feedback import services
from feedback.models import TRANSITIONS, FeedbackItem, Recommendation, Status, Theme
from forums.permissions import sync_forum_access
from tests.conftest import sign_in
from tests.forums.helpers import make_meeting, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return make_meeting(days_ahead=-3)


@pytest.fixture
def facilitator(client, user_with_role, meeting):
    user = user_with_role("Facilitator")
    meeting.forum.facilitators.add(user)
    sync_forum_access(meeting.forum)
    return user


def raised(meeting, by=None):
    return services.recommendation_raise(
        forum=meeting.forum,
        meeting=meeting,
        title="Named officer for updates",
        detail="Victims want one named contact.",
        by=by,
    )


@pytest.mark.parametrize(
    "text,problem",
    [
        ("Ada Lovelace said the updates stopped", "Remove the name"),
        ("Ada said the updates stopped", "Remove the name"),
        ("ada lovelace said the updates stopped", "Remove the name"),
        ("Write to someone@example.org about it", "Remove the email address"),
        ("Call 07700 900123 if needed", "Remove the phone number"),
        ("Ring +44 20 7946 0000", "Remove the phone number"),
    ],
)
def test_feedback_naming_or_contacting_someone_is_refused(meeting, text, problem):
    make_member(full_name="Ada Lovelace", email="ada@example.com")

    with pytest.raises(services.NotAnonymous) as refused:
        services.feedback_record(
            forum=meeting.forum, meeting=meeting, theme=Theme.objects.first(), text=text, by=None
        )

    assert any(p.startswith(problem) for p in refused.value.problems["text"])
    assert not FeedbackItem.objects.exists()


@pytest.mark.parametrize(
    "text", ["Mrs Smith was not told", "Zoe was not told", "O’Brien was not told"]
)
def test_name_parts_accents_and_apostrophes_are_caught(meeting, text):
    make_member(full_name="Zoë O'Brien Smith-Jones")

    with pytest.raises(services.NotAnonymous):
        services.feedback_record(
            forum=meeting.forum, meeting=meeting, theme=Theme.objects.first(), text=text, by=None
        )


def test_a_name_that_is_also_a_word_blocks_only_when_written_as_a_name(meeting):
    make_member(full_name="Will Hope", phone="+44 7700 900123")
    theme = Theme.objects.first()

    services.feedback_record(
        forum=meeting.forum,
        meeting=meeting,
        theme=theme,
        text="Officers will call back, we hope.",
        by=None,
    )
    for text in ("Will was not called back", "Call her on 7700 900123"):
        with pytest.raises(services.NotAnonymous):
            services.feedback_record(
                forum=meeting.forum, meeting=meeting, theme=theme, text=text, by=None
            )


def test_anonymous_feedback_is_recorded(meeting):
    make_member(full_name="Ada Lovelace")

    services.feedback_record(
        forum=meeting.forum,
        meeting=meeting,
        theme=Theme.objects.first(),
        text="Updates on cases stopped after a month.",
        by=None,
    )

    assert FeedbackItem.objects.count() == 1


def test_the_form_keeps_the_text_and_says_what_to_remove(client, facilitator, meeting):
    make_member(full_name="Ada Lovelace")
    sign_in(client, facilitator)
    text = "Ada Lovelace was not called back"

    response = client.post(
        reverse("feedback:record", args=[meeting.forum.slug]),
        {"meeting": meeting.pk, "theme": Theme.objects.first().pk, "text": text},
    )

    assert response.status_code == 400
    assert "Remove the name" in response.text and text in response.text
    assert not FeedbackItem.objects.exists()


def test_the_themes_are_the_managed_list():
    assert list(Theme.objects.values_list("name", flat=True)) == [
        "First contact and reporting",
        "Updates on investigations",
        "Victim care and support",
        "Court and CPS",
        "Training and awareness",
        "Under-reporting",
        "Other",
    ]


ALL_MOVES = [(a, b) for a in Status for b in Status]


@pytest.mark.parametrize(("from_status", "to_status"), ALL_MOVES, ids=str)
def test_every_move_is_allowed_or_refused_by_the_table(meeting, from_status, to_status):
    recommendation = raised(meeting)
    Recommendation.objects.filter(pk=recommendation.pk).update(status=from_status)
    other = make_meeting(days_ahead=-1)
    kwargs = {"words": "Because of the budget", "fed_back_at": other}

    if to_status in TRANSITIONS[from_status]:
        moved = services.recommendation_move(
            recommendation=recommendation, to_status=to_status, by=None, **kwargs
        )
        assert moved.status == to_status
        assert moved.events.last().from_status == from_status
    else:
        with pytest.raises(services.TransitionNotAllowed):
            services.recommendation_move(
                recommendation=recommendation, to_status=to_status, by=None, **kwargs
            )


def test_not_pursued_needs_an_explanation_and_fed_back_a_meeting(meeting):
    recommendation = raised(meeting)
    services.recommendation_move(recommendation=recommendation, to_status="SENT", by=None)
    services.recommendation_move(recommendation=recommendation, to_status="UNDER_REVIEW", by=None)

    with pytest.raises(services.FeedbackError):
        services.recommendation_move(
            recommendation=recommendation, to_status="NOT_PURSUED", by=None, words="  "
        )
    services.recommendation_move(
        recommendation=recommendation,
        to_status="NOT_PURSUED",
        by=None,
        words="Already done by the Victims' Code",
    )
    with pytest.raises(services.FeedbackError):
        services.recommendation_move(recommendation=recommendation, to_status="FED_BACK", by=None)
    other_forum = make_meeting("black-communities", days_ahead=-1)
    with pytest.raises(services.FeedbackError):
        services.recommendation_move(
            recommendation=recommendation, to_status="FED_BACK", by=None, fed_back_at=other_forum
        )

    recommendation.refresh_from_db()
    assert (recommendation.accepted, recommendation.explanation) == (
        False,
        "Already done by the Victims' Code",
    )
    assert [e.to_status for e in recommendation.events.all()] == [
        "RAISED",
        "SENT",
        "UNDER_REVIEW",
        "NOT_PURSUED",
    ]


def test_a_police_lead_answers_and_a_facilitator_cannot(
    client, user_with_role, facilitator, meeting
):
    recommendation = raised(meeting)
    services.recommendation_move(recommendation=recommendation, to_status="SENT", by=None)
    url = reverse("feedback:recommendation-move", args=[recommendation.pk])

    sign_in(client, facilitator)
    assert client.post(url, {"to_status": "UNDER_REVIEW"}).status_code == 400

    police = sign_in(client.__class__(), user_with_role("Police lead"))
    page = police.get(reverse("feedback:recommendation", args=[recommendation.pk]))
    assert page.status_code == 200 and "Under review" in page.text
    police.post(url, {"to_status": "UNDER_REVIEW", "words": "Looking at it"})
    refused = police.post(url, {"to_status": "NOT_PURSUED", "words": ""})
    assert "Explain to the forum why it will not be pursued" in refused.text
    police.post(url, {"to_status": "IN_PROGRESS", "words": "We will name a contact."})

    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.accepted) == ("IN_PROGRESS", True)
    assert recommendation.events.last().words == "We will name a contact."


def test_a_facilitator_records_for_their_own_forum_only(client, facilitator):
    other = make_meeting("black-communities", days_ahead=-1)
    sign_in(client, facilitator)

    assert client.get(reverse("feedback:record", args=["vawg"])).status_code == 200
    assert client.get(reverse("feedback:record", args=[other.forum.slug])).status_code == 404
    recommendation = raised(other)
    assert (
        client.get(reverse("feedback:recommendation", args=[recommendation.pk])).status_code == 404
    )


def test_police_leads_never_reach_member_data(client, user_with_role, meeting):
    make_member(full_name="Ada Lovelace")
    sign_in(client, user_with_role("Police lead"))

    assert client.get(reverse("forums:forum", args=["vawg"])).status_code == 404
    assert client.get(reverse("feedback:record", args=["vawg"])).status_code == 404
    recommendation = raised(meeting)
    page = client.get(reverse("feedback:recommendation", args=[recommendation.pk]))
    assert "Ada" not in page.text


def test_the_service_refuses_a_move_the_role_does_not_make(user_with_role, facilitator, meeting):
    recommendation = raised(meeting)
    services.recommendation_move(recommendation=recommendation, to_status="SENT", by=facilitator)

    with pytest.raises(services.TransitionNotAllowed):
        services.recommendation_move(
            recommendation=recommendation, to_status="UNDER_REVIEW", by=facilitator
        )
    police = user_with_role("Police lead")
    services.recommendation_move(recommendation=recommendation, to_status="UNDER_REVIEW", by=police)


def test_a_spreadsheet_cannot_run_feedback_as_a_formula():
    from vvf.xlsx import safe_text

    assert safe_text("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_text("pasted\x0btext") == "pastedtext"


def test_the_forum_side_feeds_back_at_a_meeting(client, facilitator, meeting):
    recommendation = raised(meeting)
    for status, words in (("SENT", ""), ("UNDER_REVIEW", ""), ("NOT_PURSUED", "Not ours")):
        services.recommendation_move(
            recommendation=recommendation, to_status=status, by=None, words=words
        )
    sign_in(client, facilitator)
    url = reverse("feedback:recommendation-move", args=[recommendation.pk])

    missing = client.post(url, {"to_status": "FED_BACK"})
    assert "Select the meeting where it was fed back" in missing.text
    client.post(url, {"to_status": "FED_BACK", "fed_back_at": meeting.pk})

    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.fed_back_at) == ("FED_BACK", meeting)
    assert recommendation.events.last().by == facilitator
