"""Reads a workbook with openpyxl, a reader independent of exceljs that wrote it, and prints it as JSON.

Usage: python3 read-xlsx.py FILE.xlsx

Per sheet: name, frozen panes (the top-left unfrozen cell), the autofilter range, the header row,
and every data row as {header: {type, value, hyperlink}}. `type` is openpyxl's data type
(s text, n number, d date, b boolean, f formula), or null for an empty cell (which openpyxl calls n);
dates are ISO 8601 in UTC with milliseconds.
"""

import datetime
import json
import sys

from openpyxl import load_workbook


def plain(value):
    if isinstance(value, datetime.datetime):
        # Excel keeps no time zone: exceljs writes UTC moments. A serial day is a float, so round to ms.
        return (value + datetime.timedelta(microseconds=500)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    return value


def cell_json(cell):
    return {
        "type": None if cell.value is None else cell.data_type,
        "value": plain(cell.value),
        "hyperlink": cell.hyperlink.target if cell.hyperlink else None,
    }


def sheet_json(sheet):
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]] if rows else []
    return {
        "name": sheet.title,
        "frozen": sheet.freeze_panes,
        "autoFilter": sheet.auto_filter.ref,
        "header": header,
        "rows": [{name: cell_json(cell) for name, cell in zip(header, row)} for row in rows[1:]],
    }


workbook = load_workbook(sys.argv[1])
json.dump([sheet_json(sheet) for sheet in workbook.worksheets], sys.stdout, ensure_ascii=False, indent=1)
