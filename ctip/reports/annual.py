"""The annual report's data annex in one step (seed 003): its recurring tables and figures for
a year, in the publication's order, as an editable Word document or a PDF.

Every part is a registered report run through `run_report`, so the annex prints the same
numbers as `ctip report NAME` and the web pages; this module only lays them out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.lib.periods import Period
from ctip.programs.models import Program

from .registry import REPORTS, Report, run_report
from .renderers import DOCUMENT_STYLE, html_table, human_cells, human_columns


@dataclass(frozen=True)
class AnnexPart:
    report: str  # a registered report
    caption: str  # how the publication names it ("Table 1", "Figure 1"), or empty
    lines: bool = False  # printed as one line per row (the country progress lines)
    figure: bool = False  # a figure: the PDF prints its chart under the table of its numbers


# The order of the publication: highlights up front, the outcome status table, the partner
# countries' progress lines, then Section 5's Table 1, Figure 1, Table 2 and Figure 2.
ANNEX = (
    AnnexPart("highlights", ""),
    AnnexPart("outcomes", ""),
    AnnexPart("country-summary", "", lines=True),
    AnnexPart("table1", gettext_lazy("Table 1")),
    AnnexPart("feedback", gettext_lazy("Figure 1"), figure=True),
    AnnexPart("table2", gettext_lazy("Table 2")),
    AnnexPart("partner-survey", gettext_lazy("Figure 2"), figure=True),
)
FORMATS = ("docx", "pdf", "html")


def annex_reports(program: Program, period: Period) -> list[tuple[AnnexPart, Report]]:
    """Each part of the annex with its report, run for the whole program and PERIOD."""
    return [(part, run_report(part.report, program, period)) for part in ANNEX]


def _heading(part: AnnexPart, report: Report) -> str:
    return f"{part.caption} {report.title}" if part.caption else report.title


def _document_title(program: Program, period: Period) -> str:
    return _("%(program)s annual report %(period)s: data annex") % {
        "program": program.name,
        "period": period.label,
    }


def _progress_lines(report: Report) -> list[str]:
    return [f"{row.values['country']}: {row.values['sentence']}" for row in report.sections[0].rows]


def render_annual_html(program: Program, period: Period) -> str:
    """The annex as one standalone HTML document (the PDF prints it)."""
    parts = [f"<h1>{escape(_document_title(program, period))}</h1>"]
    for part, report in annex_reports(program, period):
        parts.append(f'<section class="annex" id="annex-{escape(report.name)}">')
        parts.append(f"<h2>{escape(_heading(part, report))}</h2>")
        if part.lines:
            parts += [f"<p>{escape(line)}</p>" for line in _progress_lines(report)]
            parts += [f'<p class="note">{escape(note)}</p>' for note in report.notes]
        else:
            parts.append(html_table(report))
            if part.figure:
                parts.append(report.chart() or "")
        parts.append("</section>")
    text_columns = sorted(
        {c.key for p in ANNEX for c in REPORTS[p.report].columns if c.kind == "text"}
    )
    style = (
        DOCUMENT_STYLE
        + "h2 { font-size: 12pt; margin-top: 1.5rem; break-after: avoid; }\n"
        + "section.annex caption { display: none; }\n"  # the heading says it
        + "tr { break-inside: avoid; }\n"
        + ", ".join(f'td[data-key="{key}"]' for key in text_columns)
        + " { text-align: left; }\n"
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(_document_title(program, period))}</title><style>{style}</style>"
        "</head><body>\n" + "\n".join(parts) + "\n</body></html>\n"
    )


def render_annual_pdf(program: Program, period: Period) -> bytes:
    """The annex as an A4 PDF, through the fact sheet's Chromium print path."""
    from .pdf import html_to_pdf

    return html_to_pdf(render_annual_html(program, period))


def _docx_table(document, report: Report) -> None:
    from docx.shared import Pt

    columns = human_columns(report)
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        cell.text = str(column.label)
        cell.paragraphs[0].runs[0].bold = True
    for section in report.sections:
        if section.title:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.text = section.title
            merged.paragraphs[0].runs[0].italic = True
        for row in section.rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, human_cells(report, row), strict=True):
                cell.text = text
                if row.kind == "total":
                    cell.paragraphs[0].runs[0].bold = True
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)


def render_annual_docx(program: Program, period: Period) -> bytes:
    """The annex as an editable Word document: headings, real tables (the figures as the
    table of their numbers) and the footnotes, for the MEL team to write around."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.add_heading(_document_title(program, period), level=0)
    for part, report in annex_reports(program, period):
        document.add_heading(_heading(part, report), level=1)
        if part.lines:
            for line in _progress_lines(report):
                document.add_paragraph(line)
        else:
            _docx_table(document, report)
        for note in report.notes:
            paragraph = document.add_paragraph(note)
            for run in paragraph.runs:
                run.font.size = Pt(8)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
