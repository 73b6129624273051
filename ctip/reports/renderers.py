"""Output formats, registered in one place: any report in any format.

Machine formats (csv, json, xlsx) print numbers as numbers and zero as 0; human formats (md,
html, pdf) use thousands separators and the seed report's dash for zero. A suppressed cell is
"<5" everywhere except json, where it is null. csv leaves out percentage rows (they follow
from the totals); json and xlsx keep them, marked by "kind".
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.translation import gettext as _

from ctip.lib.spreadsheets import (
    csv_writer,
    new_workbook,
    safe_cell,
    safe_row,
    write_text_cells,
    xlsx_bytes,
)

from .registry import Column, Report, Row
from .suppression import Hidden


class OutputUnavailable(Exception):
    """The format cannot be produced on this installation."""


@dataclass(frozen=True)
class Renderer:
    name: str
    extension: str
    content_type: str
    binary: bool
    render: Callable[[Report], str | bytes]


RENDERERS: dict[str, Renderer] = {}


def register_renderer(renderer: Renderer) -> Renderer:
    RENDERERS[renderer.name] = renderer
    return renderer


def render(report: Report, format_name: str) -> str | bytes:
    return RENDERERS[format_name].render(report)


def filename(report: Report, format_name: str) -> str:
    parts = [report.name, report.period.label, report.country, report.project]
    if report.unique:
        parts.append("unique")
    if report.public:
        parts.append("public")
    stem = "-".join(part for part in parts if part).replace("/", "-").replace("..", "_")
    return f"{stem}.{RENDERERS[format_name].extension}"


# --- machine formats --------------------------------------------------------------------------


def _machine_rows(report: Report, *, percentages: bool):
    """(section key, row) in order; the label of total and percentage rows as in the data."""
    for section in report.sections:
        for row in section.rows:
            if row.kind == "percentage" and not percentages:
                continue
            yield section.key, row


def _header(report: Report) -> list[str]:
    return (["group"] if report.grouped else []) + [column.key for column in report.columns]


def _csv_value(value) -> str:
    if value is None:
        return ""
    return str(safe_cell(value))


def render_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(_header(report))
    for group, row in _machine_rows(report, percentages=False):
        prefix = [_csv_value(group)] if report.grouped else []
        writer.writerow(prefix + [_csv_value(row.values.get(c.key)) for c in report.columns])
    return out.getvalue()


def _json_value(value):
    if isinstance(value, Hidden) or value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


def render_json(report: Report) -> str:
    rows = []
    for group, row in _machine_rows(report, percentages=True):
        entry = {"group": group} if report.grouped else {}
        entry.update({c.key: _json_value(row.values.get(c.key)) for c in report.columns})
        entry["kind"] = row.kind
        rows.append(entry)
    document = {
        "report": report.name,
        "title": report.title,
        "program": report.program.code,
        "period": {
            "label": report.period.label,
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
        },
        "filters": {"country": report.country, "project": report.project},
        "unique": report.unique,
        "public": report.public,
        "suppressed_below": report.threshold,
        "columns": ([{"key": "group", "label": _("Stakeholder group")}] if report.grouped else [])
        + [{"key": c.key, "label": str(c.label)} for c in report.columns],
        "rows": rows,
        "notes": report.notes,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_xlsx(report: Report) -> bytes:
    from openpyxl.styles import Font

    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = report.name[:31]
    _append_text(sheet, [report.title])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    _append_text(sheet, _header(report))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for group, row in _machine_rows(report, percentages=True):
        values = [safe_cell(group)] if report.grouped else []
        formats = [None] if report.grouped else []
        for column in report.columns:
            value, number_format = _xlsx_value(row.values.get(column.key), column, row)
            values.append(value)
            formats.append(number_format)
        _append_text(sheet, values)
        for cell, number_format in zip(sheet[sheet.max_row], formats, strict=False):
            if number_format:
                cell.number_format = number_format
            if row.kind == "total":
                cell.font = Font(bold=True)
    sheet.append([])
    for note in report.notes:
        _append_text(sheet, [note])
    return xlsx_bytes(workbook)


def _append_text(sheet, values) -> None:
    """Append a row whose text cells are quoted (safe_cell) and stored as text."""
    sheet.append(safe_row(values))
    write_text_cells(sheet[sheet.max_row])


def _xlsx_value(value, column: Column, row: Row):
    if isinstance(value, Hidden):
        return str(value), None
    if value is None:
        return None, None
    if isinstance(value, str):
        return safe_cell(value), None
    if row.kind == "percentage" and isinstance(value, Decimal):
        return float(value / 100), "0.00%"
    if column.kind == "percent":
        return value / 100, "0%"
    if column.kind == "count":
        return value, "#,##0"
    return value, None


# --- human formats ----------------------------------------------------------------------------


def human(value, column: Column, row: Row) -> str:
    """A cell as the published tables print it: 1,597; – for zero; 53.06%; <5."""
    if isinstance(value, Hidden):
        return str(value)
    if value is None:
        return "–" if column.kind != "text" else ""
    if row.kind == "percentage" and column.kind != "label":
        if value == 0:
            return "–"
        if value == 100:
            return "100%"
        return f"{value:.2f}%"
    if column.kind == "percent":
        return f"{value}%"
    if column.kind == "count":
        return "–" if value == 0 else f"{value:,}"
    return str(value)


def _label(row: Row, column: Column) -> str:
    if row.kind == "total":
        return _("Total")
    if row.kind == "percentage":
        return _("Percentage")
    return str(row.values.get(column.key, ""))


def _human_columns(report: Report) -> tuple[Column, ...]:
    """The columns a person reads: a machine key (kind "key", e.g. `people-reached`) stays in
    csv, json and xlsx, out of the tables on the web page, in Markdown and in the PDF."""
    return tuple(column for column in report.columns if column.kind != "key")


def _cells(report: Report, row: Row) -> list[str]:
    return [
        _label(row, column)
        if column.kind == "label"
        else human(row.values.get(column.key), column, row)
        for column in _human_columns(report)
    ]


def human_columns(report: Report) -> tuple[Column, ...]:
    """The columns the human formats print (the annual annex's Word tables too)."""
    return _human_columns(report)


def human_cells(report: Report, row: Row) -> list[str]:
    """A row's cells as the human formats print them (the annual annex's Word tables too)."""
    return _cells(report, row)


def render_md(report: Report) -> str:
    lines = [f"# {report.title}", ""]
    headings = [str(column.label) for column in _human_columns(report)]
    for section in report.sections:
        if section.title:
            lines += [f"*{section.title}*", ""]
        lines.append("| " + " | ".join(headings) + " |")
        lines.append(
            "|"
            + "|".join(
                "---" if c.kind in ("label", "text") else "---:" for c in _human_columns(report)
            )
            + "|"
        )
        for row in section.rows:
            cells = _cells(report, row)
            if row.kind == "total":
                cells = [f"**{cell}**" for cell in cells]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        lines.append("")
    lines += [note.replace("*", "\\*") + "\n" for note in report.notes]
    return "\n".join(lines)


def html_table(report: Report) -> str:
    """The report as an HTML fragment: the table (and the chart, if any) with its notes.
    The web page and the standalone html/pdf formats all print this."""
    columns = _human_columns(report)
    # tabindex: on a phone the table scrolls inside itself, and the keyboard can scroll it too
    parts = [f'<table class="numbers report" id="report-{escape(report.name)}" tabindex="0">']
    parts.append(f"<caption>{escape(report.title)}</caption>")
    heading = "".join(f'<th scope="col">{escape(str(c.label))}</th>' for c in columns)
    parts.append(f"<thead><tr>{heading}</tr></thead>")
    for section in report.sections:
        parts.append(f'<tbody data-group="{escape(section.key or "")}">')
        if section.title:
            parts.append(
                f'<tr class="section"><th colspan="{len(columns)}" scope="rowgroup">'
                f"<em>{escape(section.title)}</em></th></tr>"
            )
        for row in section.rows:
            cells = []
            for column, text in zip(columns, _cells(report, row), strict=True):
                if column.kind == "label":
                    cells.append(f'<th scope="row">{escape(text)}</th>')
                else:
                    cells.append(f'<td data-key="{column.key}">{escape(text)}</td>')
            parts.append(f'<tr class="{row.kind}">{"".join(cells)}</tr>')
        parts.append("</tbody>")
    parts.append("</table>")
    parts += [f'<p class="note">{escape(note)}</p>' for note in report.notes]
    return "\n".join(parts)


# The printed page of every HTML and PDF report (the annual annex too).
DOCUMENT_STYLE = """
body { font-family: "Noto Sans", "Noto Sans Thai", "Noto Sans Lao", "Noto Sans Khmer",
  "Noto Sans Myanmar", sans-serif; color: #1d2733; margin: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
caption { text-align: left; font-weight: bold; padding: .4rem 0; }
th, td { border-bottom: 1px solid #d8dee6; padding: .25rem .5rem; text-align: left; }
td { text-align: right; font-variant-numeric: tabular-nums; }
tr.total th, tr.total td { font-weight: bold; border-top: 2px solid #1d2733; }
tr.section th { background: #eef3f6; font-weight: normal; }
.note { font-size: 9pt; color: #5b6877; }
"""


def render_html(report: Report) -> str:
    chart = report.chart() or ""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(report.title)}</title><style>{DOCUMENT_STYLE}</style></head>"
        f"<body>\n{html_table(report)}\n{chart}\n</body></html>\n"
    )


def render_pdf(report: Report) -> bytes:
    try:
        from ctip.reports.pdf import PdfError, html_to_pdf
    except ImportError:
        raise OutputUnavailable(_("PDF output is not available")) from None
    try:
        return html_to_pdf(render_html(report))
    except PdfError as error:
        raise OutputUnavailable(str(error)) from None


for _renderer in (
    Renderer("csv", "csv", "text/csv; charset=utf-8", False, render_csv),
    Renderer("json", "json", "application/json", False, render_json),
    Renderer(
        "xlsx",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        True,
        render_xlsx,
    ),
    Renderer("md", "md", "text/markdown; charset=utf-8", False, render_md),
    Renderer("html", "html", "text/html; charset=utf-8", False, render_html),
    Renderer("pdf", "pdf", "application/pdf", True, render_pdf),
):
    register_renderer(_renderer)
