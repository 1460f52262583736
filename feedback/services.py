"""Feedback and recommendations: every write with a rule."""

import re

from django.db import transaction
from django.utils import timezone

from forums.models import Membership

from . import tasks
from .models import ANSWERS, TRANSITIONS, FeedbackItem, Recommendation, RecommendationEvent, Status

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# UK phone numbers as people write them: 07700 900123, +44 7700 900 123, (020) 7946 0000.
PHONE = re.compile(r"(\+44\s?\(?0?\)?|\(?0)\d[\d\s()-]{8,}\d")
SHORTEST_NAME_PART = 3


class FeedbackError(Exception):
    pass


class NotAnonymous(FeedbackError):
    """The text names or contacts someone; `problems` says what to remove."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(problems))


class TransitionNotAllowed(FeedbackError):
    pass


def _names_and_contacts(forum):
    """The names, emails and phone numbers of every member the forum has had."""
    rows = Membership.objects.filter(forum=forum).values_list(
        "application__full_name", "application__preferred_name", "application__email",
        "application__phone",
    )  # fmt: skip
    names, contacts = set(), set()
    for full_name, preferred_name, email, phone in rows:
        for name in (full_name, preferred_name):
            names.add(name.strip())
            names.update(part for part in name.split() if len(part) >= SHORTEST_NAME_PART)
        contacts.add(email.strip())
        if phone:
            contacts.add(re.sub(r"\D", "", phone))
    return {n for n in names if n}, {c for c in contacts if c}


def anonymity_problems(text, forum):
    """What in the text could identify a member: a member's name, email or phone
    number, or anything that looks like an email address or phone number."""
    problems = []
    names, contacts = _names_and_contacts(forum)
    lowered = text.casefold()
    found = sorted(
        name for name in names
        if re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", lowered)
    )  # fmt: skip
    if found:
        problems.append("Remove the name " + ", ".join(f"‘{n}’" for n in found))
    digits = re.sub(r"\D", "", text)
    if EMAIL.search(text) or any(c.casefold() in lowered for c in contacts if "@" in c):
        problems.append("Remove the email address")
    if PHONE.search(text) or any(c in digits for c in contacts if "@" not in c and len(c) > 6):
        problems.append("Remove the phone number")
    return problems


def _check(forum, *texts):
    problems = []
    for text in texts:
        problems += [p for p in anonymity_problems(text, forum) if p not in problems]
    if problems:
        raise NotAnonymous(problems)


@transaction.atomic
def feedback_record(*, forum, meeting, theme, text, by):
    if meeting.forum_id != forum.pk:
        raise FeedbackError("Choose a meeting of this forum.")
    _check(forum, text)
    return FeedbackItem.objects.create(
        forum=forum, meeting=meeting, theme=theme, text=text, recorded_by=by
    )


@transaction.atomic
def recommendation_raise(*, forum, meeting, title, detail, owner=None, by):
    if meeting.forum_id != forum.pk:
        raise FeedbackError("Choose a meeting of this forum.")
    _check(forum, title, detail)
    recommendation = Recommendation.objects.create(
        forum=forum, meeting=meeting, title=title, detail=detail, owner=owner
    )
    RecommendationEvent.objects.create(
        recommendation=recommendation, to_status=Status.RAISED, by=by, words=detail
    )
    return recommendation


@transaction.atomic
def recommendation_move(*, recommendation, to_status, by, words="", fed_back_at=None):
    """The one way a recommendation changes status: checked against TRANSITIONS,
    locked, and written to its timeline with who, when and the words used. Not pursued
    needs an explanation for the forum; fed back needs the meeting it was fed back at."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    from_status = Status(recommendation.status)
    to_status = Status(to_status)
    if to_status not in TRANSITIONS[from_status]:
        raise TransitionNotAllowed(
            f"A recommendation cannot go from ‘{from_status.label}’ to ‘{to_status.label}’."
        )
    words = words.strip()
    if to_status == Status.NOT_PURSUED and not words:
        raise FeedbackError("Explain to the forum why it will not be pursued.")
    if to_status == Status.FED_BACK:
        if fed_back_at is None or fed_back_at.forum_id != recommendation.forum_id:
            raise FeedbackError("Choose the meeting of this forum where it was fed back.")
        recommendation.fed_back_at = fed_back_at
    if words:
        _check(recommendation.forum, words)
    if to_status in ANSWERS:
        recommendation.accepted = to_status == Status.IN_PROGRESS
        recommendation.explanation = words
    recommendation.status = to_status
    recommendation.status_changed_at = timezone.now()
    recommendation.save(
        update_fields=["status", "status_changed_at", "accepted", "explanation", "fed_back_at"]
    )
    RecommendationEvent.objects.create(
        recommendation=recommendation, from_status=from_status, to_status=to_status, by=by,
        words=words,
    )  # fmt: skip
    if to_status in ANSWERS:
        transaction.on_commit(lambda: tasks.send_answered.delay(recommendation.pk))
    return recommendation
