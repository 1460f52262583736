"""Every write to an application that has a rule goes through here."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from vvf import outbox

from . import tasks
from .models import (
    TRANSITIONS,
    UNSUCCESSFUL,
    VETTING_MOVES,
    Application,
    ApplicationEvent,
    Consent,
    ConsentDocument,
    EqualityMonitoring,
    OnboardingConversation,
    SavedDraft,
    Status,
    agreed_to_current,
    latest_consent,
)
from .signals import status_changed

STATUS_LINK_MAX_AGE = timedelta(days=settings.RETENTION["STATUS_LINK_DAYS"])
DRAFT_MAX_AGE = timedelta(days=settings.RETENTION["DRAFT_DAYS"])


class TransitionNotAllowed(Exception):
    """A status change the life of an application does not allow."""


# Status changes ------------------------------------------------------------------------


@transaction.atomic
def application_transition(
    *, application, to_status, by=None, by_applicant=False, reason="", by_vetting=False
):
    """Moves an application to another status, or refuses with TransitionNotAllowed.

    Locks the row, checks the move against TRANSITIONS, records who, when and why, and
    starts the retention clock when the application ends.
    """
    locked = Application.objects.select_for_update().get(pk=application.pk)
    from_status = Status(locked.status)
    to_status = Status(to_status)
    if to_status not in TRANSITIONS[from_status]:
        raise TransitionNotAllowed(
            f"An application that is ‘{from_status.label}’ cannot become ‘{to_status.label}’."
        )
    if (from_status, to_status) in VETTING_MOVES and not by_vetting:
        raise TransitionNotAllowed(
            f"‘{to_status.label}’ follows from recording the PNC result or the panel's "
            "decision, not from a move by hand."
        )
    now = timezone.now()
    locked.status = to_status
    locked.status_changed_at = now
    fields = ["status", "status_changed_at"]
    if to_status in UNSUCCESSFUL:
        locked.closed_at = now
        fields.append("closed_at")
    locked.save(update_fields=fields)
    ApplicationEvent.objects.create(
        application=locked,
        from_status=from_status,
        to_status=to_status,
        by=by,
        by_applicant=by_applicant,
        reason=reason,
        at=now,
    )
    status_changed.send(
        sender=Application, application=locked, from_status=from_status, to_status=to_status
    )
    if to_status in {Status.NOT_RIGHT_TIME, Status.SIGNPOSTED, Status.WITHDRAWN}:
        outbox.enqueue(tasks.send_closure_email, locked.pk)
    application.status = locked.status
    application.status_changed_at = locked.status_changed_at
    application.closed_at = locked.closed_at
    return locked


def application_forget_stage(*, application, stage):
    """Takes a stage out of the timeline, as if the application had gone straight from
    the stage before it to the one after: for the suitability panel, whose having sat
    must not outlive its decision (decision 15). The move out keeps its time, its
    reason and who made it."""
    into = ApplicationEvent.objects.filter(application=application, to_status=stage)
    before = into.values_list("from_status", flat=True).first()
    if before is None:
        return
    ApplicationEvent.objects.filter(application=application, from_status=stage).update(
        from_status=before
    )
    into.delete()


def application_withdraw(*, application, reason=""):
    """The applicant withdraws, through their status link."""
    return application_transition(
        application=application, to_status=Status.WITHDRAWN, by_applicant=True, reason=reason
    )


def onboarding_allowed(application):
    return (
        application.status == Status.ONBOARDING
        and not OnboardingConversation.objects.filter(application=application).exists()
    )


@transaction.atomic
def onboarding_record(*, application, held_on, staff, outcome, notes=""):
    """Records the onboarding conversation and moves the application on: proceed to the
    PNC check, or end it kindly. Once per application, at the onboarding stage."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if (
        locked.status != Status.ONBOARDING
        or OnboardingConversation.objects.filter(application=locked).exists()
    ):
        raise TransitionNotAllowed(
            "An onboarding conversation is recorded once, while the application is at the "
            "onboarding stage."
        )
    conversation = OnboardingConversation.objects.create(
        application=application, held_on=held_on, staff=staff, outcome=outcome, notes=notes
    )
    to_status = {
        OnboardingConversation.Outcome.PROCEED: Status.PNC_CHECK,
        OnboardingConversation.Outcome.NOT_RIGHT_TIME: Status.NOT_RIGHT_TIME,
        OnboardingConversation.Outcome.SIGNPOST: Status.SIGNPOSTED,
    }[outcome]
    application_transition(
        application=application,
        to_status=to_status,
        by=staff,
        reason=f"Onboarding conversation on {held_on:%d %B %Y}",
    )
    return conversation


# Submission ----------------------------------------------------------------------------


def current_documents(language=None):
    """The wording of each consent to show, by kind: the newest English version, or in
    `language` the newest translation of it, where there is one (else the English)."""
    english = settings.LANGUAGE_CODE
    current = {}
    for document in ConsentDocument.objects.filter(language=english).order_by("kind", "version"):
        current[document.kind] = document
    if language and language != english:
        translations = ConsentDocument.objects.filter(
            language=language, translates__in=current.values()
        ).order_by("version")
        for document in translations:
            current[document.kind] = document
    return current


@transaction.atomic
def application_submit(*, answers, consents, submission_key):
    """Creates the application from checked answers, exactly once per submission key.

    `answers` holds the model fields and `forums`, `equality`; `consents` maps each
    ConsentDocument shown to whether it was agreed. Returns (application, created).
    """
    existing = Application.objects.filter(submission_key=submission_key).first()
    if existing:
        return existing, False
    fields = dict(answers)
    forums = fields.pop("forums")
    equality = fields.pop("equality", None)
    try:
        with transaction.atomic():
            application = Application.objects.create(submission_key=submission_key, **fields)
    except IntegrityError:
        # The same submission arrived twice at once: the other request created it.
        return Application.objects.get(submission_key=submission_key), False
    application.forums.set(forums)
    if equality and any(equality.values()):
        EqualityMonitoring.objects.create(application=application, **equality)
    now = timezone.now()
    Consent.objects.bulk_create(
        Consent(application=application, document=document, given=given, recorded_at=now)
        for document, given in consents.items()
    )
    ApplicationEvent.objects.create(
        application=application, to_status=Status.SUBMITTED, by_applicant=True, at=now
    )
    outbox.enqueue(tasks.send_application_emails, application.pk)
    return application, True


@transaction.atomic
def application_import(*, forum, by, reason, **fields):
    """An application for a member recorded before this service existed (the pilot
    forum's spreadsheet): accepted from the start, for `forum`, with its event saying who
    imported it and why. It moves through no other status, so no status_changed is sent:
    the importer makes the membership, from the date in its record."""
    now = timezone.now()
    application = Application.objects.create(
        status=Status.ACCEPTED, why_join="", submitted_at=now, status_changed_at=now, **fields
    )
    application.forums.add(forum)
    ApplicationEvent.objects.create(
        application=application, to_status=Status.ACCEPTED, by=by, at=now, reason=reason
    )
    return application


@transaction.atomic
def consent_record(*, application, kind, given):
    """Records an answer in the consent register, in the current wording of `kind`. The
    register keeps every answer; the latest counts (consent_given)."""
    document = current_documents()[kind]
    return Consent.objects.create(application=application, document=document, given=given)


def consent_answer(application, kind):
    """The applicant's latest answer about `kind`: True, False, or None when never asked."""
    return (
        Application.objects.filter(pk=application.pk)
        .annotate(given=latest_consent(kind))
        .values_list("given", flat=True)
        .first()
    )


def consent_current_agreed(application, kind):
    """The applicant agreed to the newest version of the `kind` wording."""
    return Application.objects.filter(agreed_to_current(kind), pk=application.pk).exists()


def consent_given(application, kind):
    """The latest answer about `kind` counts; never asked is not given."""
    return consent_answer(application, kind) is True


@transaction.atomic
def consent_document_publish(*, kind, title, body, by, language=None):
    """A new version of a wording; earlier versions stay as they were agreed to. In a
    `language` other than English it is a translation of the current English wording."""
    language = language or settings.LANGUAGE_CODE
    translates = None
    if language != settings.LANGUAGE_CODE:
        translates = current_documents()[kind]
    versions = ConsentDocument.objects.filter(kind=kind, language=language)
    latest = versions.aggregate(v=Max("version"))["v"] or 0
    return ConsentDocument.objects.create(
        kind=kind,
        language=language,
        version=latest + 1,
        translates=translates,
        title=title,
        body=body,
        published_by=by,
    )


def forums_needing_partner_consent(forums):
    """The partner-consent rule: of the chosen forums, those an external partner runs,
    to whom the applicant agrees their details are passed (the journey asks for the
    consent when there is one)."""
    return [forum for forum in forums if forum.run_by.kind == "EXTERNAL_PARTNER"]


# The applicant's private status link -----------------------------------------------------

_STATUS_SALT = "applications.status-link"


def status_token(application):
    return signing.dumps({"a": application.pk, "k": application.access_key}, salt=_STATUS_SALT)


def application_from_status_token(token):
    """The application a status link is for, or None when it is forged, expired or
    revoked."""
    try:
        data = signing.loads(token, salt=_STATUS_SALT, max_age=STATUS_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return Application.objects.filter(pk=data.get("a"), access_key=data.get("k")).first()


@transaction.atomic
def application_update_contact(*, application, **fields):
    allowed = {"email", "phone", "contact_method", "safe_to_leave_messages", "contact_times"}
    assert set(fields) <= allowed, set(fields) - allowed
    for name, value in fields.items():
        setattr(application, name, value)
    application.save(update_fields=list(fields))
    return application


# Saving a form to finish later -----------------------------------------------------------

_DRAFT_SALT = "applications.saved-draft"


@transaction.atomic
def draft_save(*, email, answers, language=None):
    draft = SavedDraft.objects.create(
        nonce=secrets.token_urlsafe(24),
        email=email,
        answers=answers,
        language=language or settings.LANGUAGE_CODE,
    )
    outbox.enqueue(tasks.send_resume_link, draft.pk)
    return draft


def draft_token(draft):
    return signing.dumps({"d": draft.pk, "n": draft.nonce}, salt=_DRAFT_SALT)


def _draft_lookup(token):
    try:
        data = signing.loads(token, salt=_DRAFT_SALT, max_age=DRAFT_MAX_AGE)
    except signing.BadSignature:
        return None
    return SavedDraft.objects.filter(pk=data.get("d"), nonce=data.get("n"))


def draft_exists(token):
    drafts = _draft_lookup(token)
    return drafts is not None and drafts.exists()


@transaction.atomic
def draft_resume(token):
    """The saved answers, once: the draft is deleted as it is read. None when the link is
    forged, expired or already used."""
    try:
        data = signing.loads(token, salt=_DRAFT_SALT, max_age=DRAFT_MAX_AGE)
    except signing.BadSignature:
        return None
    draft = (
        SavedDraft.objects.select_for_update().filter(pk=data.get("d"), nonce=data.get("n")).first()
    )
    if draft is None:
        return None
    answers = draft.answers
    draft.delete()
    return answers


def drafts_delete_expired(*, now=None):
    """Unfinished forms are deleted DRAFT_MAX_AGE after they were saved."""
    cutoff = (now or timezone.now()) - DRAFT_MAX_AGE
    deleted, _ = SavedDraft.objects.filter(created_at__lt=cutoff).delete()
    return deleted
