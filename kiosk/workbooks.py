"""Writing cells of an exported workbook: text that begins like a formula stays text.

A name, a unit or a door typed as "=HYPERLINK(...)" or "+84 912..." must open in Excel as what it says, never
as a formula that runs (CSV/formula injection). openpyxl takes any string beginning with "=" for a formula; the
other starts (+ - @ tab, carriage return) become formulas when a person edits the cell or the sheet is saved as
CSV. Those cells are written as strings and marked with Excel's quote prefix, which keeps them text on editing."""
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def set_text(cell, value) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def append_row(sheet, values) -> None:
    """sheet.append(values), with every value that could be read as a formula kept as text."""
    sheet.append([None if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v for v in values])
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            set_text(sheet.cell(row=row, column=column), value)


def titled_sheet(book, title, headers, rows, widths):
    """A sheet of the export `book`: bold headers frozen at the top, the rows written as text where they could
    read as formulas, the columns `widths` wide."""
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    return sheet
