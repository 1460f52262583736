"""The pilot forum's spreadsheet of members: the template, reading an upload within
bounds, and checking every row. Nothing here writes; forums/imports.py imports the rows.

The work is bounded whatever the file holds: an XLSX file is a zip of XML parts, and one
of a few hundred kilobytes can unpack to gigabytes. So the parts' sizes are checked, and
then each part is unpacked as a stream and counted (a zip can lie about its sizes),
before openpyxl reads anything; openpyxl then reads in read-only mode and stops at
MAX_SHEET_ROWS. Every cell is checked with the public form's own validators
(applications/validators.py), so that what the dry run passes always imports.
"""

import datetime
import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from applications import validators
from vvf.forms import ascii_digits
from vvf.xlsx import workbook_bytes

from .models import Membership

logger = logging.getLogger(__name__)


MAX_BYTES = 2 * 1024 * 1024
# Members in one file. The pilot forum has a dozen or so; this is room for any forum.
MAX_ROWS = 200
# Rows of the first sheet read at most, the headings and empty rows included: reading
# stops there, and a sheet with more is refused (its later rows are never read, and a
# member in them must not be left out unnoticed).
MAX_SHEET_ROWS = 500
# What the file's parts may unpack to, together. 200 members at every field's longest
# come to about 250 KB of XML; openpyxl's memory grows with what it parses, up to about
# 80 times the XML for the worst shapes measured (tests/forums/test_imports.py), so this
# keeps a worker well under 200 MB whatever the file holds.
MAX_UNPACKED_BYTES = 1024 * 1024
# Real XLSX parts are stored or deflated; bzip2 and LZMA parts would unpack without
# the stream's bound, and Office never writes them.
_PART_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_CHUNK = 64 * 1024
# Office's XML never declares a DTD (ECMA-376 forbids it); one that does could expand
# entities far beyond its size, so it is refused. As UTF-8 and as UTF-16 either way.
_DTD = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
DATE_FORMAT = "%d/%m/%Y"
_DATE_TEXT = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")

NOT_XLSX = "The selected file must be an XLSX spreadsheet without a password, like the template"
TOO_LARGE = "The selected file must be smaller than 2 MB"
TOO_MUCH_INSIDE = (
    "The selected file holds more than a list of members needs (over 1 MB once opened). "
    "Copy the members into the template, with nothing else in it, and upload that"
)
TOO_MANY_SHEET_ROWS = (
    f"The first sheet must have {MAX_SHEET_ROWS} rows or fewer, empty rows included. "
    "Delete the rows below the members, or copy the members into the template"
)


class ImportRefused(Exception):
    """A file, or a confirmation, that cannot be imported at all."""


# The template's columns -----------------------------------------------------------------


def _checked_by(validate):
    """A column checked by the public form's validator for its field."""

    def parse(text, forum):
        return validate(text)

    return parse


def _phone(text, forum):
    try:
        return validators.phone(text)
    except ValidationError:
        if text.isascii() and text.isdigit() and not text.startswith("0"):
            raise ValidationError(
                "Enter a UK phone number, like 07700 900 982. The spreadsheet may have "
                "removed the first 0: format the Phone column as text"
            ) from None
        raise


def _started_on(text, forum):
    text = ascii_digits(text, "Enter the date they started using the digits 0 to 9")
    match = _DATE_TEXT.match(text)
    if not match:
        raise ValidationError("Enter the date they started as a date, like 14/01/2025")
    day, month, year = (int(part) for part in match.groups())
    try:
        started_on = datetime.date(year, month, day)
    except ValueError:
        raise ValidationError("Enter a real date, like 14/01/2025") from None
    if started_on > timezone.localdate():
        raise ValidationError("Enter a date that is today or in the past")
    if forum.launch_date and started_on < forum.launch_date:
        raise ValidationError(
            f"Enter a date on or after the forum's launch, {forum.launch_date:%d/%m/%Y}"
        )
    if forum.tenure_ends_on and started_on > forum.tenure_ends_on:
        raise ValidationError(
            f"Enter a date on or before the end of the forum's tenure, "
            f"{forum.tenure_ends_on:%d/%m/%Y}"
        )
    return started_on


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    # The message for an empty cell; None when the column is optional.
    missing: str | None
    # (cell text, forum) -> the value to import; raises ValidationError.
    parse: Callable
    guidance: str


COLUMNS = [
    Column(
        "full_name",
        "Full name",
        "Enter their full name",
        _checked_by(validators.full_name),
        "Required.",
    ),
    Column(
        "preferred_name",
        "Preferred name",
        None,
        _checked_by(validators.preferred_name),
        "Optional: what they like to be called, if different.",
    ),
    Column(
        "email",
        "Email",
        "Enter an email address",
        _checked_by(validators.email),
        "Required, like name@example.com. Each member once.",
    ),
    Column(
        "phone",
        "Phone",
        None,
        _phone,
        "Optional: a UK number, like 07700 900 982. Keep this column formatted as text.",
    ),
    Column(
        "started_on",
        "Started on",
        "Enter the date they started, like 14/01/2025",
        _started_on,
        "Required: the day they joined the forum, as a date or as text like 14/01/2025. "
        "Not in the future.",
    ),
    Column(
        "access_needs",
        "Access needs",
        None,
        _checked_by(validators.access_needs_other),
        "Optional: any support they need to take part, up to "
        f"{validators.max_length('access_needs_other')} characters.",
    ),
]


def template_workbook():
    """The template as XLSX bytes: the headings on the first sheet, guidance on the
    second."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Members"
    sheet.append([column.header for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for cell, column in zip(sheet[1], COLUMNS, strict=True):
        sheet.column_dimensions[cell.column_letter].width = 24
        if column.key == "phone":
            # As text, so that a spreadsheet does not drop the first 0 of a number.
            sheet.column_dimensions[cell.column_letter].number_format = "@"
    guidance = workbook.create_sheet("How to fill this in")
    guidance.append(["Heading", "What to enter"])
    for cell in guidance[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        guidance.append([column.header, column.guidance])
    guidance.append([])
    guidance.append(["", f"One member on each row of the Members sheet, up to {MAX_ROWS}."])
    guidance.append(["", "Keep the headings in the first row as they are."])
    guidance.column_dimensions["A"].width = 18
    guidance.column_dimensions["B"].width = 90
    return workbook_bytes(workbook)


# Reading and checking -------------------------------------------------------------------


def _text(value):
    """A cell's value as text: real dates as dd/mm/yyyy, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parts_check(file):
    """Refuses a file whose parts would unpack to more than MAX_UNPACKED_BYTES, or that
    is not a zip of parts as an XLSX file is, before openpyxl reads it. The sizes the zip
    declares are checked first; then every part is unpacked as a stream, a chunk at a
    time, and counted, so a zip that declares less than it holds is refused too (Python's
    zipfile stops at the declared size and the part's checksum then fails)."""
    with zipfile.ZipFile(file) as archive:
        parts = archive.infolist()
        if any(part.compress_type not in _PART_METHODS for part in parts):
            raise ImportRefused(NOT_XLSX)
        if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
            raise ImportRefused(TOO_MUCH_INSIDE)
        unpacked = 0
        for part in parts:
            with archive.open(part) as stream:
                tail = b""
                while chunk := stream.read(_CHUNK):
                    unpacked += len(chunk)
                    if unpacked > MAX_UNPACKED_BYTES:
                        raise ImportRefused(TOO_MUCH_INSIDE)
                    window = tail + chunk
                    if any(dtd in window for dtd in _DTD):
                        raise ImportRefused(NOT_XLSX)
                    tail = window[-len(_DTD[1]) :]


def _sheet_lines(file):
    """(row number, cell values) of the first sheet's non-empty rows, the headings row
    included, stopping once there are more than MAX_ROWS members; ImportRefused when
    the sheet has more than MAX_SHEET_ROWS rows."""
    size = getattr(file, "size", None)
    if size == 0:
        raise ImportRefused("The selected file is empty")
    if size is not None and size > MAX_BYTES:
        raise ImportRefused(TOO_LARGE)
    if not str(getattr(file, "name", "")).lower().endswith(".xlsx"):
        raise ImportRefused(NOT_XLSX)
    lines = []
    try:
        file.seek(0)
        _parts_check(file)
        file.seek(0)
        workbook = load_workbook(file, read_only=True, data_only=True)
        try:
            rows = workbook.worksheets[0].iter_rows(
                min_row=1, max_row=MAX_SHEET_ROWS + 1, values_only=True
            )
            width = None
            for number, values in enumerate(rows, start=1):
                if number > MAX_SHEET_ROWS:
                    raise ImportRefused(TOO_MANY_SHEET_ROWS)
                if width is None:
                    # Cells beyond the last heading are not read: no column holds them.
                    headings = [_text(value) for value in values]
                    width = max((i + 1 for i, text in enumerate(headings) if text), default=0)
                    lines.append((number, values[:width]))
                elif any(_text(value) for value in values[:width]):
                    lines.append((number, values[:width]))
                if len(lines) > MAX_ROWS + 1:
                    break
        finally:
            workbook.close()
    except ImportRefused:
        raise
    except Exception as error:  # openpyxl fails in many ways on what is not an XLSX file
        logger.info("A members import could not be read as XLSX (%s)", type(error).__name__)
        raise ImportRefused(NOT_XLSX) from None
    return lines


def _table(lines):
    """[(row number, {column key: cell text})] from the sheet's lines; ImportRefused
    when the headings are not the template's."""
    if not lines:
        raise ImportRefused("The spreadsheet is empty. Copy your data into the template")
    written = [" ".join(_text(value).split()) for value in lines[0][1]]
    headings = [heading.casefold() for heading in written]
    wanted = {column.header.casefold(): column for column in COLUMNS}
    missing = [column.header for column in COLUMNS if column.header.casefold() not in headings]
    if missing:
        raise ImportRefused(
            "The first row must have the template's headings. Missing: " + ", ".join(missing)
        )
    unknown = [heading for heading in written if heading and heading.casefold() not in wanted]
    if unknown:
        raise ImportRefused(
            f"The spreadsheet has a column the template does not have: ‘{unknown[0]}’. "
            "Remove it, or copy your data into the template"
        )
    twice = [heading for heading in wanted if headings.count(heading) > 1]
    if twice:
        raise ImportRefused(f"The heading ‘{wanted[twice[0]].header}’ is in the first row twice")
    position = {wanted[heading].key: index for index, heading in enumerate(headings) if heading}
    members = lines[1:]
    if not members:
        raise ImportRefused("The spreadsheet has no members in it. Add one member on each row")
    if len(members) > MAX_ROWS:
        raise ImportRefused(
            f"The spreadsheet must have {MAX_ROWS} members or fewer. Split it into smaller files"
        )
    return [
        (number, {key: _text(values[i]) if i < len(values) else "" for key, i in position.items()})
        for number, values in members
    ]


def forum_member_emails(forum):
    """The forum's members' email addresses, past members included, in lower case."""
    emails = Membership.objects.filter(forum=forum).values_list("application__email", flat=True)
    return {email.casefold() for email in emails}


def rows_validate(table, forum):
    """(problems, rows) for [(row number, {column key: text})]. A problem is (row number,
    column heading, message); each row is {"row": number, column key: value, ...}."""
    existing = forum_member_emails(forum)
    problems, rows, seen = [], [], {}
    for number, cells in table:
        row = {"row": number}
        for column in COLUMNS:
            text = cells.get(column.key, "").strip()
            try:
                if not text:
                    if column.missing:
                        raise ValidationError(column.missing)
                    row[column.key] = ""
                    continue
                row[column.key] = column.parse(text, forum)
            except ValidationError as error:
                problems.append((number, column.header, error.messages[0]))
        email = row.get("email", "").casefold()
        if email and email in existing:
            problems.append(
                (number, "Email", "A member of this forum already has this email address")
            )
        elif email and email in seen:
            problems.append((number, "Email", f"This email address is also in row {seen[email]}"))
        elif email:
            seen[email] = number
        rows.append(row)
    return problems, rows


def rows_check(file, forum):
    """The dry run: (problems, rows) for an uploaded spreadsheet; ImportRefused when the
    file cannot be read as the template at all. Nothing is written."""
    return rows_validate(_table(_sheet_lines(file)), forum)
