"""The country fact sheet as a web page and as an A4 PDF. Aggregates only: every member of
the program may see them (docs/access.md)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ctip.countries.models import Country
from ctip.lib.periods import PeriodError
from ctip.web.programs import current_program

from . import queries
from .factsheet import (
    LANGUAGE_NAMES,
    FactSheetError,
    factsheet,
    factsheet_languages,
    render_factsheet_document,
    render_factsheet_sheet,
)
from .freshness import remembered
from .pdf import PdfError, html_to_pdf, start_browser
from .pdf_cache import TooManyPdfs, cached_pdf


def _period(request, program):
    """The period the query string asks for (else the latest fiscal year with events), and an
    error to show when it cannot be read."""
    if request.GET.get("period"):
        try:
            return program.period(request.GET["period"]), None
        except PeriodError as exc:
            return queries.default_period(program, timezone.localdate()), str(exc)
    return queries.default_period(program, timezone.localdate()), None


def _links(country, query: dict) -> list[tuple[str, str, str]]:
    """(language name, page URL, PDF URL) for each language of COUNTRY's fact sheet."""
    links = []
    for lang in factsheet_languages(country):
        parameters = "?" + urlencode({**query, "lang": lang})
        links.append(
            (
                LANGUAGE_NAMES.get(lang, lang),
                reverse("factsheet", args=[country.code]) + parameters,
                reverse("factsheet-pdf", args=[country.code]) + parameters,
            )
        )
    return links


@login_required
def factsheet_index(request):
    """The member states, with their events in the period and links to their fact sheets."""
    program = current_program(request)
    period, error = _period(request, program)
    events = dict(
        queries.events_in(program, period)
        .values_list("country_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    query = {"period": period.label}
    if request.GET.get("program"):
        query["program"] = program.code
    countries = [
        {
            "country": country,
            "events": events.get(country.code, 0),
            "links": _links(country, query),
        }
        for country in Country.objects.filter(is_asean_member=True).order_by("asean_order")
    ]
    return render(
        request,
        "reports/factsheet_index.html",
        {"program": program, "period": period, "countries": countries, "error": error},
    )


def _sheet_and_lang(request, country):
    """The fact sheet the query string asks for, its language, and an error to show."""
    program = current_program(request)
    period, error = _period(request, program)
    try:
        sheet = remembered(
            ("factsheet", program.pk, period, country),
            lambda: factsheet(program, period, country),
        )
    except FactSheetError:
        raise Http404 from None
    lang = request.GET.get("lang") or "en"
    if lang not in sheet.languages:
        raise Http404
    return program, sheet, lang, error


@login_required
def factsheet_page(request, country):
    program, sheet, lang, error = _sheet_and_lang(request, country)
    sheet_html = remembered(
        ("factsheet-page", program.pk, sheet.period, sheet.country.code, lang),
        lambda: render_factsheet_sheet(sheet, lang),
    )
    query = {"period": sheet.period.label, "lang": lang}
    if request.GET.get("program"):
        query["program"] = program.code
    return render(
        request,
        "reports/factsheet.html",
        {
            "sheet": sheet,
            "sheet_program": program,
            "sheet_html": sheet_html,
            "lang": lang,
            "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in sheet.languages],
            "program_code": request.GET.get("program", ""),
            "pdf_url": reverse("factsheet-pdf", args=[sheet.country.code]) + "?" + urlencode(query),
            "error": error,
        },
    )


@login_required
def factsheet_pdf(request, country):
    # What the PDF shows is checked first (one query); the fact sheet's numbers are computed
    # only when the PDF is not in the cache: a cached PDF costs the data version and a file.
    program = current_program(request)
    period, error = _period(request, program)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    place = Country.objects.filter(code=country.strip().upper()).first()
    lang = request.GET.get("lang") or "en"
    if place is None or lang not in factsheet_languages(place):
        raise Http404
    what = ("factsheet", program.pk, place.code, period.label, lang)

    def render() -> bytes:
        start_browser()  # Chromium starts while the fact sheet's numbers are computed
        try:
            sheet = factsheet(program, period, place.code)
        except FactSheetError:
            raise Http404 from None
        return html_to_pdf(render_factsheet_document(sheet, lang))

    try:
        pdf, cached = cached_pdf(what, render, user=request.user)
    except TooManyPdfs:
        return too_many_pdfs()
    except PdfError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    filename = f"factsheet-{place.code}-{period.label}-{lang}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-PDF-Cache"] = "hit" if cached else "miss"
    return response


def too_many_pdfs() -> HttpResponse:
    """429: the user made more new PDFs this minute than CTIP_PDF_RENDERS_PER_MINUTE."""
    response = HttpResponse(
        _("You asked for many new PDFs in a minute; wait a minute and try again."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = "60"
    return response
