"""Everything the service holds about one applicant or member, for a subject access
request: staff read it as a page or download it as JSON (`subject_data`).

Held about a person means what hangs from their application: the application itself,
the forums they chose, its status history, the consent register, equality answers, the
onboarding conversation, the PNC check (and any disclosure while it still exists: it
is their own record), a retention hold, and as a member their membership, attendance,
invitations, agenda suggestions, expense claims, recording consents, requests for
support after a meeting and the opportunities they said they are interested in. Staff
are named by role only ("staff"), not by name. Receipts are listed by file name: the
files themselves are downloaded from the claim.
"""

import datetime
import decimal
import re
from pathlib import PurePosixPath

from django.core.exceptions import ObjectDoesNotExist
from django.utils import formats, timezone

from languages.services import name_of


def _value(value):
    """JSON-ready: dates as ISO 8601, decimals as strings, lazy text as text."""
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _value(item) for key, item in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _row(obj, fields):
    """{field's verbose name or key: value}, with choices shown as their labels."""
    row = {}
    for field in fields:
        display = getattr(obj, f"get_{field}_display", None)
        row[field] = _value(display() if display is not None else getattr(obj, field))
    return row


def _meeting(meeting):
    if meeting is None:
        return None
    row = {"forum": meeting.forum.name, "starts_at": _value(meeting.starts_at)}
    if meeting.cancelled:
        row["cancelled"] = True
    return row


def _application(application):
    row = _row(
        application,
        [
            "reference",
            "status",
            "submitted_at",
            "status_changed_at",
            "closed_at",
            "date_of_birth",
            "full_name",
            "preferred_name",
            "email",
            "phone",
            "postcode",
            "borough",
            "contact_method",
            "safe_to_leave_messages",
            "contact_times",
            "access_needs_other",
            "why_join",
            "interested_in_accountability",
        ],
    )
    row["language"] = name_of(application.language)
    row["connection_to_london"] = application.get_london_connection_display()
    row["access_needs"] = application.get_access_needs_display()
    return row


def _events(application):
    return [
        {
            "at": _value(event.at),
            "from_status": _value(event.get_from_status_display()),
            "to_status": _value(event.get_to_status_display()),
            "by": "applicant" if event.by_applicant else "staff",
            "reason": event.reason,
        }
        for event in application.events.order_by("at", "pk")
    ]


def _consents(application):
    """The consent register's answers and, as a member, their answers about recording
    each meeting, in the order they were given."""
    answers = list(application.consents.select_related("document"))
    membership = _one(application, "membership")
    if membership is not None:
        answers += membership.recording_consents.select_related("document", "meeting__forum")
    answers.sort(key=lambda answer: (answer.recorded_at, answer.pk))
    return [
        {
            "document": _value(answer.document.get_kind_display()),
            "version": answer.document.version,
            "language": name_of(answer.document.language),
            "title": answer.document.title,
            "given": answer.given,
            "recorded_at": _value(answer.recorded_at),
            "meeting": _meeting(getattr(answer, "meeting", None)),
        }
        for answer in answers
    ]


def _one(application, name):
    """A one-to-one row hanging from the application, or None."""
    try:
        return getattr(application, name)
    except ObjectDoesNotExist:
        return None


def _equality(application):
    from applications.models import EqualityMonitoring

    answers = _one(application, "equality")
    return _row(answers, EqualityMonitoring.ANSWER_FIELDS) if answers else None


def _onboarding(application):
    onboarding = _one(application, "onboarding")
    if onboarding is None:
        return None
    return _row(onboarding, ["held_on", "outcome", "notes", "recorded_at"])


def _pnc(application):
    check = _one(application, "pnc_check")
    if check is None:
        return None
    row = _row(check, ["requested_on", "result_received_on", "result"])
    row["disclosures"] = [
        _row(disclosure, ["offence", "offence_date", "disposal", "notes"])
        for disclosure in check.disclosures.order_by("pk")
    ]
    case = _one(check, "suitability_case")
    row["suitability_panel"] = (
        _row(case, ["opened_at", "result_received_on"]) if case is not None else None
    )
    return row


def _hold(application):
    hold = _one(application, "retention_hold")
    return _row(hold, ["reason", "placed_at"]) if hold is not None else None


def _membership(application):
    membership = _one(application, "membership")
    if membership is None:
        return None
    row = _row(membership, ["started_on", "ended_on", "left_on"])
    row["forum"] = membership.forum.name
    row["attendance"] = [
        {"meeting": _meeting(record.meeting), "attended": record.attended}
        for record in membership.attendance.select_related("meeting__forum").order_by(
            "meeting__starts_at"
        )
    ]
    row["invitations"] = [
        {
            "meeting": _meeting(invitation.meeting),
            **_row(invitation, ["response", "access_needs", "answered_at", "sent_at"]),
        }
        for invitation in membership.invitations.select_related("meeting__forum").order_by(
            "meeting__starts_at"
        )
    ]
    row["agenda_suggestions"] = [
        {
            "meeting": _meeting(item.meeting),
            **_row(
                item, ["title", "detail", "status", "decline_reason", "created_at", "decided_at"]
            ),
        }
        for item in membership.agenda_proposals.select_related("meeting__forum")
    ]
    row["expense_claims"] = [
        {
            "meeting": _meeting(claim.meeting),
            **_row(
                claim,
                ["kind", "amount", "description", "status", "submitted_at", "decided_at", "reason"],
            ),
            "receipt": PurePosixPath(claim.receipt.name).name if claim.receipt else "",
        }
        for claim in membership.claims.select_related("meeting__forum").order_by("submitted_at")
    ]
    row["support_requests"] = [
        {
            "meeting": _meeting(asked.meeting),
            **_row(asked, ["contact_by", "words", "status", "created_at", "closed_at"]),
        }
        for asked in membership.support_requests.select_related("meeting__forum")
    ]
    row["opportunities_interested_in"] = [
        {
            "opportunity": interest.opportunity.title,
            "run_by": _value(interest.opportunity.get_run_by_display()),
            **_row(interest, ["needs", "registered_at"]),
        }
        for interest in membership.opportunity_interests.select_related("opportunity")
    ]
    return row


def member_view(data):
    """What the member's own page shows of `data`: all of it except staff's own words
    (the reasons given for status moves and a retention hold, the onboarding notes),
    which can name other people or an open matter; a subject access request answered by
    staff reviews those."""
    shown = {**data}
    shown["status_history"] = [
        {key: value for key, value in event.items() if key != "reason"}
        for event in data["status_history"]
    ]
    if data["onboarding_conversation"]:
        shown["onboarding_conversation"] = {
            key: value for key, value in data["onboarding_conversation"].items() if key != "notes"
        }
    if data["retention_hold"]:
        shown["retention_hold"] = {"placed_at": data["retention_hold"]["placed_at"]}
    return shown


def subject_data(application):
    """Everything held about the person behind this application, JSON-serialisable."""
    return {
        "application": _application(application),
        "forums_chosen": [forum.name for forum in application.forums.all()],
        "status_history": _events(application),
        "consents": _consents(application),
        "equality_monitoring": _equality(application),
        "onboarding_conversation": _onboarding(application),
        "pnc_check": _pnc(application),
        "retention_hold": _hold(application),
        "membership": _membership(application),
    }


# The readable page ---------------------------------------------------------------------


LABELS = {"pnc_check": "PNC check", "connection_to_london": "Connection to London"}
ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d[^ ]*)?$")


def _label(key):
    return LABELS.get(key, key.replace("_", " ").capitalize())


def _when(text):
    """An ISO 8601 date or time as people read it, times in London."""
    if "T" not in text:
        return formats.date_format(datetime.date.fromisoformat(text), "DATE_FORMAT")
    moment = timezone.localtime(datetime.datetime.fromisoformat(text))
    return formats.date_format(moment, "DATETIME_FORMAT")


def _text(value):
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict):  # a meeting: its forum and time, and whether cancelled
        return ", ".join(
            _label(key) if item is True else _text(item)
            for key, item in value.items()
            if item not in (None, "", False)
        )
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return _when(value)
        except ValueError:  # free text that only looks like a date
            return value
    return str(value)


def _table(key, rows):
    headers = list(rows[0]) if rows else []
    return {
        "title": _label(key),
        "headers": [_label(header) for header in headers],
        "rows": [[_text(row.get(header)) for header in headers] for row in rows],
    }


def sections(data):
    """`subject_data` as sections of a page: each a title, a list of (label, text)
    and tables (a title, headers, rows of text). Nothing held shows as empty."""
    result = []
    for key, value in data.items():
        section = {"title": _label(key), "fields": [], "tables": [], "empty": not value}
        if isinstance(value, dict):
            for field, item in value.items():
                if isinstance(item, list) and (not item or isinstance(item[0], dict)):
                    section["tables"].append(_table(field, item))
                else:
                    section["fields"].append((_label(field), _text(item)))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            section["tables"].append(_table(key, value))
        elif value:
            section["fields"].append((_label(key), _text(value)))
        result.append(section)
    return result
