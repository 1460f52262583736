"""Importing a forum's existing members from a spreadsheet: the pilot forum kept its
records in one before this service existed.

Staff download the template, fill it in and upload it. A dry run lists every problem by
row and column (forums/import_workbook.py); nothing is imported until every row is
valid. The uploaded file is read in memory and not kept: the checked rows travel to the
confirmation as signed text.
"""

import datetime

from django.core import signing
from django.db import transaction

from applications.choices import AccessNeed, ContactMethod
from applications.services import application_import
from audit.services import Action, audit_record
from programme.models import Forum

from . import import_workbook
from .services.memberships import membership_create

SIGNED_MAX_AGE = datetime.timedelta(hours=1)
_SALT = "forums.members-import"
EXPIRED = "The checked spreadsheet has expired or was changed. Upload the file again to check it."


# Carrying the checked rows to the confirmation --------------------------------------------


def _as_text(row):
    """A checked row as the cell texts that give it again."""
    cells = {column.key: row[column.key] for column in import_workbook.COLUMNS}
    cells["started_on"] = row["started_on"].strftime(import_workbook.DATE_FORMAT)
    return cells


def rows_sign(*, forum, rows, user):
    """The checked rows as signed text for the confirmation page: the file is not kept.
    Bound to the forum and the user; valid for an hour."""
    table = [[row["row"], _as_text(row)] for row in rows]
    data = {"forum": forum.pk, "user": user.pk, "rows": table}
    return signing.dumps(data, salt=_SALT, compress=True)


def rows_from_signed(token, *, user):
    """(forum, problems, rows) from signed rows, checked again: the data may have changed
    since the dry run. import_workbook.ImportRefused when the signature is wrong or too old."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=SIGNED_MAX_AGE)
    except signing.BadSignature:
        raise import_workbook.ImportRefused(EXPIRED) from None
    forum = Forum.objects.filter(pk=data["forum"]).first()
    if forum is None or data["user"] != user.pk:
        raise import_workbook.ImportRefused(EXPIRED)
    table = [(number, cells) for number, cells in data["rows"]]
    problems, rows = import_workbook.rows_validate(table, forum)
    return forum, problems, rows


# The import ------------------------------------------------------------------------------


@transaction.atomic
def members_import(*, forum, rows, by):
    """Makes each checked row an accepted application for the forum and a member of it,
    and records the import in the audit trail (a count, no personal data)."""
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    emails = [row["email"].casefold() for row in rows]
    if import_workbook.forum_member_emails(forum) & set(emails) or len(set(emails)) < len(emails):
        raise import_workbook.ImportRefused(
            "Some of these members are already in the forum. Check the file again"
        )
    memberships = []
    for row in rows:
        application = application_import(
            forum=forum,
            by=by,
            reason="Imported from the pilot spreadsheet",
            full_name=row["full_name"],
            preferred_name=row["preferred_name"],
            email=row["email"],
            phone=row["phone"],
            contact_method=ContactMethod.EMAIL,
            access_needs=[AccessNeed.OTHER] if row["access_needs"] else [],
            access_needs_other=row["access_needs"],
        )
        membership, _crowded = membership_create(
            application=application, forum=forum, started_on=row["started_on"]
        )
        memberships.append(membership)
    audit_record(
        actor=by, action=Action.CREATE, obj=forum, detail="imported {} members", values=[len(rows)]
    )
    return memberships
