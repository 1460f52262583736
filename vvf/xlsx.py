"""XLSX files built entirely in memory.

openpyxl writes each worksheet's XML to a temporary file before zipping it, even in
write-only mode; for personal data that is a plaintext copy on disk. This writer keeps
every part in memory. Large exports use a write-only workbook (`streaming_sheet`): rows
are written out as XML as they are appended, not kept as cells, so 50,000 applications
take tens of megabytes, not gigabytes (docs/performance.md).
"""

import io
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter


class InMemoryExcelWriter(ExcelWriter):
    def write_worksheet(self, ws):
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        if self.workbook.write_only:
            if not ws.closed:
                ws.close()
            writer = ws._writer
        else:
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.out.getvalue())
        self.manifest.append(ws)


def streaming_sheet(workbook, title, columns):
    """A sheet of a write-only workbook (`Workbook(write_only=True)`) with its header
    written (bold on grey, a line under it, frozen, each column (title, width) as wide
    as asked), whose rows go to XML in memory as they are appended. Sheets made
    otherwise would write to a temporary file."""
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, (_title, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet._writer = WorksheetWriter(sheet, out=io.BytesIO())
    sheet._writer.write_top()
    sheet.append([_header_style(WriteOnlyCell(sheet, value=title)) for title, _width in columns])
    return sheet


def workbook_bytes(workbook):
    """The workbook as XLSX bytes, without touching the disk."""
    buffer = io.BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        InMemoryExcelWriter(workbook, archive).save()
    return buffer.getvalue()


def safe_text(value):
    """Text a spreadsheet will not run as a formula, without the control characters
    that the XLSX format cannot hold."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def header_row(sheet, columns):
    """Writes the header: bold on grey, a line under it, frozen, each column
    (title, width) as wide as asked."""
    sheet.append([title for title, _width in columns])
    for cell in sheet[1]:
        _header_style(cell)
    sheet.freeze_panes = "A2"
    for index, (_title, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _header_style(cell):
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DDDDDD")
    cell.border = Border(bottom=Side(style="thin"))
    return cell
