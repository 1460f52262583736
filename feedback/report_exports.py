"""A monthly report as a spreadsheet: one sheet per section of the page, built in memory
from the report's stored content (which names nobody)."""

import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment

from vvf.xlsx import header_row, safe_text, workbook_bytes

DAY = "dd/mm/yyyy"


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _sheets(content):
    """(title, [(column, width)], rows, date columns) for each section."""
    items = [
        [group["theme"], item["forum"], _date(item["meeting"]), item["text"]]
        for group in content["items_by_theme"]
        for item in group["items"]
    ]
    return [
        (
            "Feedback by theme",
            [("Theme", 40), ("Feedback items", 16)],
            [[row["theme"], row["count"]] for row in content["themes"]]
            + [["Total", content["feedback_total"]]],
            [],
        ),
        (
            "Feedback items",
            [("Theme", 32), ("Forum", 36), ("Meeting", 14), ("What the forum said", 80)],
            items,
            [3],
        ),
        (
            "Movements",
            [("Recommendation", 48), ("Forum", 36), ("From", 38), ("To", 38), ("Date", 14)],
            [
                [row["title"], row["forum"], row["from"], row["to"], _date(row["date"])]
                for row in content["movements"]
            ],
            [5],
        ),
        (
            "Outstanding",
            [
                ("Recommendation", 48),
                ("Forum", 36),
                ("Status", 38),
                ("Raised", 14),
                ("Age in days", 14),
            ],
            [
                [row["title"], row["forum"], row["status"], _date(row["raised"]), row["age_days"]]
                for row in content["outstanding"]
            ],
            [4],
        ),
        (
            "People",
            [("Forum", 36), ("Meetings held", 16), ("People who took part", 22)],
            [[row["forum"], row["meetings"], row["people"]] for row in content["participation"]],
            [],
        ),
    ]


def report_workbook(report):
    """The report as XLSX bytes, built in memory."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, columns, rows, date_columns in _sheets(report.content):
        sheet = workbook.create_sheet(title)
        header_row(sheet, columns)
        for row in rows:
            sheet.append([safe_text(value) for value in row])
            for column in date_columns:
                sheet.cell(sheet.max_row, column).number_format = DAY
        if title == "Feedback items":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(workbook)


def report_filename(report):
    scope = report.forum.slug if report.forum_id else "all-forums"
    return f"vvf-report-{report.month:%Y-%m}-{scope}.xlsx"
