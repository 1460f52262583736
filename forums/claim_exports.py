"""The monthly spreadsheet of approved claims for MOPAC's finance team: one row per claim,
a total for each kind of claim and a grand total. Members appear by their reference
only; nothing about them but what finance needs to pay the claim."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import dateformat, timezone
from openpyxl import Workbook
from openpyxl.styles import Border, Font, Side

from vvf import dates
from vvf.xlsx import header_row, workbook_bytes

from .models import ExpenseClaim

COLUMNS = [
    ("Member reference", 18),
    ("Budget code", 14),
    ("Meeting date", 14),
    ("What for", 28),
    ("Amount", 12),
    ("Decided on", 14),
]
POUNDS = '"£"#,##0.00'


def budget_code(forum):
    """A neutral code per forum. A member reference beside "LGBTQ+ victims" would tell
    finance something about the member's sexual orientation; the code does not."""
    return f"VVF-{forum.pk:02d}"


DAY = "dd/mm/yyyy"


def month_bounds(month):
    """The first and last instant (exclusive) of a calendar month in London time."""
    london = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(dates.first_of_month(month), datetime.time(), tzinfo=london)
    end = datetime.datetime.combine(dates.following_month(month), datetime.time(), tzinfo=london)
    return start, end


def approved_in(month):
    """The claims approved in that calendar month, London time."""
    start, end = month_bounds(month)
    return (
        ExpenseClaim.objects.filter(
            status=ExpenseClaim.Status.APPROVED, decided_at__gte=start, decided_at__lt=end
        )
        .select_related("membership__application", "meeting__forum")
        .order_by(
            "meeting__forum__position",
            "meeting__starts_at",
            "membership__application__reference",
            "pk",
        )
    )


def claims_workbook(month):
    """(XLSX bytes built in memory, number of claims) for the claims approved in `month`."""
    claims = list(approved_in(month))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = dateformat.format(month, "F Y")
    header_row(sheet, COLUMNS)

    totals = dict.fromkeys(ExpenseClaim.Kind, Decimal("0.00"))
    for claim in claims:
        sheet.append(
            [
                claim.membership.application.reference,
                budget_code(claim.meeting.forum),
                timezone.localtime(claim.meeting.starts_at).date(),
                claim.get_kind_display(),
                claim.amount,
                timezone.localtime(claim.decided_at).date(),
            ]
        )
        row = sheet.max_row
        sheet.cell(row, 3).number_format = DAY
        sheet.cell(row, 5).number_format = POUNDS
        sheet.cell(row, 6).number_format = DAY
        totals[claim.kind] += claim.amount

    sheet.append([])
    for kind, total in totals.items():
        sheet.append([f"Total: {kind.label}", None, None, None, total])
        _total_row(sheet)
    sheet.append(["Grand total", None, None, None, sum(totals.values())])
    _total_row(sheet)
    sheet.cell(sheet.max_row, 1).border = sheet.cell(sheet.max_row, 5).border = Border(
        top=Side(style="thin"), bottom=Side(style="double")
    )
    return workbook_bytes(workbook), len(claims)


def _total_row(sheet):
    row = sheet.max_row
    sheet.cell(row, 1).font = Font(bold=True)
    sheet.cell(row, 5).font = Font(bold=True)
    sheet.cell(row, 5).number_format = POUNDS
