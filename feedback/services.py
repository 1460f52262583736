"""Feedback and recommendations: every write with a rule."""

import re
import unicodedata

from django.db import transaction
from django.utils import timezone

from forums.models import Membership
from vvf import outbox

from . import tasks
from .models import ANSWERS, TRANSITIONS, FeedbackItem, Recommendation, RecommendationEvent, Status
from .permissions import moves_of

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# UK phone numbers as people write them: 07700 900123, +44 7700 900 123, (020) 7946 0000.
PHONE = re.compile(r"(\+44\s?\(?0?\)?|\(?0)\d[\d\s()-]{8,}\d")
NAME_PARTS = re.compile(r"[\s\-']+")
SHORTEST_NAME_PART = 3
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


class FeedbackError(Exception):
    pass


class NotAnonymous(FeedbackError):
    """The text names or contacts someone. `problems` maps each field checked to what
    to remove from it."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(p for found in problems.values() for p in found))


class TransitionNotAllowed(FeedbackError):
    pass


def _fold(text):
    """Without accents and with one kind of apostrophe: Zoë matches Zoe, O’Brien
    matches O'Brien. Keeps the case and the length of the text."""
    text = text.translate(APOSTROPHES)
    return "".join(
        unicodedata.normalize("NFKD", c)[0] if unicodedata.normalize("NFKD", c) else c for c in text
    )


def _national(phone):
    """The digits of a UK number without +44 or the leading 0: 7700900123."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("44"):
        digits = digits[2:]
    return digits.lstrip("0")


def _names_and_contacts(forum):
    """The names, emails and phone numbers of every member the forum has had."""
    rows = Membership.objects.filter(forum=forum).values_list(
        "application__full_name",
        "application__preferred_name",
        "application__email",
        "application__phone",
    )
    whole, parts, emails, phones = set(), set(), set(), set()
    for full_name, preferred_name, email, phone in rows:
        for name in (full_name, preferred_name):
            name = _fold(name).strip()
            if name:
                whole.add(name.lower())
                parts.update(
                    p.lower() for p in NAME_PARTS.split(name) if len(p) >= SHORTEST_NAME_PART
                )
        emails.add(email.strip().lower())
        if phone and len(_national(phone)) >= 9:
            phones.add(_national(phone))
    return whole, parts, emails, phones


def anonymity_problems(text, forum):
    """What in the text could identify a member: a member's name (whole, in any case; a
    single part of it when written as a name, with a capital), their email or phone
    number, or anything shaped like an email address or a phone number."""
    problems = []
    whole, parts, emails, phones = _names_and_contacts(forum)
    folded = _fold(text)
    lowered = folded.lower()
    found = []
    for name in whole:
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", lowered):
            found.append(text[match.start() : match.end()])
    for part in parts:
        for match in re.finditer(rf"(?<!\w){re.escape(part)}(?!\w)", lowered):
            if folded[match.start()].isupper():
                found.append(text[match.start() : match.end()])
    if found:
        problems.append("Remove the name " + ", ".join(f"‘{n}’" for n in sorted(set(found))))
    if EMAIL.search(text) or any(email in lowered for email in emails):
        problems.append("Remove the email address")
    digits = re.sub(r"\D", "", text)
    if PHONE.search(text) or any(phone in digits for phone in phones):
        problems.append("Remove the phone number")
    return problems


def _check(forum, **texts):
    problems = {field: anonymity_problems(text, forum) for field, text in texts.items()}
    problems = {field: found for field, found in problems.items() if found}
    if problems:
        raise NotAnonymous(problems)


@transaction.atomic
def feedback_record(*, forum, meeting, theme, text, by):
    if meeting.forum_id != forum.pk:
        raise FeedbackError("Choose a meeting of this forum.")
    _check(forum, text=text)
    return FeedbackItem.objects.create(
        forum=forum, meeting=meeting, theme=theme, text=text, recorded_by=by
    )


@transaction.atomic
def recommendation_raise(*, forum, meeting, title, detail, owner=None, by):
    if meeting.forum_id != forum.pk:
        raise FeedbackError("Choose a meeting of this forum.")
    _check(forum, title=title, detail=detail)
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
    if by is not None and to_status not in moves_of(by):
        raise TransitionNotAllowed(
            f"Your role cannot move a recommendation to ‘{to_status.label}’."
        )
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
        _check(recommendation.forum, words=words)
    if to_status in ANSWERS:
        recommendation.accepted = to_status == Status.IN_PROGRESS
        recommendation.explanation = words
    recommendation.status = to_status
    recommendation.status_changed_at = timezone.now()
    recommendation.save(
        update_fields=["status", "status_changed_at", "accepted", "explanation", "fed_back_at"]
    )
    RecommendationEvent.objects.create(
        recommendation=recommendation,
        from_status=from_status,
        to_status=to_status,
        by=by,
        words=words,
    )
    if to_status in ANSWERS:
        outbox.enqueue(tasks.send_answered, recommendation.pk)
    return recommendation
