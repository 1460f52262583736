"""Spreadsheets of applications for staff. Equality answers only when asked for."""

from openpyxl import Workbook

from vvf.labels import label_of
from vvf.xlsx import safe_text, streaming_sheet, workbook_bytes

from .models import Application, EqualityMonitoring

BASE_COLUMNS = [
    ("Reference", lambda a: a.reference),
    ("Status", label_of(Application, "status")),
    ("Submitted", lambda a: a.submitted_at.strftime("%Y-%m-%d %H:%M")),
    ("Forums", lambda a: ", ".join(forum.name for forum in a.forums.all())),
    ("Full name", lambda a: a.full_name),
    ("Preferred name", lambda a: a.preferred_name),
    ("Date of birth", lambda a: a.date_of_birth.isoformat() if a.date_of_birth else ""),
    ("Email", lambda a: a.email),
    ("Phone", lambda a: a.phone),
    ("Postcode", lambda a: a.postcode),
    ("Borough", label_of(Application, "borough")),
    ("Contact by", label_of(Application, "contact_method")),
    ("Safe to leave messages", lambda a: "Yes" if a.safe_to_leave_messages else "No"),
    ("Times to avoid", lambda a: a.contact_times),
    ("Support needed", lambda a: a.get_access_needs_display()),
    ("Other support", lambda a: a.access_needs_other),
    ("Why they want to join", lambda a: a.why_join),
]


def applications_workbook(queryset, *, include_equality=False):
    """The applications as XLSX bytes, built in memory (nothing is written to disk),
    row by row: memory grows with the size of the file, not with openpyxl cells."""
    queryset = queryset.prefetch_related("forums")
    columns = list(BASE_COLUMNS)
    if include_equality:
        queryset = queryset.select_related("equality")
        for name in EqualityMonitoring.ANSWER_FIELDS:
            field = EqualityMonitoring._meta.get_field(name)
            columns.append((f"Equality: {field.verbose_name}", _equality_getter(name)))
    workbook = Workbook(write_only=True)
    sheet = streaming_sheet(workbook, "Applications", [(title, 20) for title, _getter in columns])
    for application in queryset.iterator(chunk_size=2000):
        sheet.append([safe_text(getter(application)) for _title, getter in columns])
    return workbook_bytes(workbook)


def _equality_getter(name):
    label = label_of(EqualityMonitoring, name)

    def get(application):
        equality = getattr(application, "equality", None)
        if equality is None:
            return ""
        return label(equality) or ""

    return get
