"""The country fact sheet (seeds 000, 002, 004): headline numbers for one country and period,
the program's focal point and key partners there, its blurb and highlights; as data, a web
page, a standalone HTML document and an A4 PDF, in English or the country's language.

Counting (docs/factsheet.md):
- events: the program's events held in the country whose start date is in the period;
- participants: attendances at those events, excluding program and donor staff;
- capacity development events: those events of type training, webinar, seminar or workshop;
- people trained: participants of the capacity development events (and, when the program
  counts them as training, its e-learning completions by learners of the country);
- shares by sex: a whole number rounded half up; one decimal when the whole number would be 0
  but the count is not (1 of 250: 0.4%); "<0.1%" when even one decimal rounds to 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ctip.countries.models import Country
from ctip.events.models import Event
from ctip.lib.periods import Period
from ctip.organisations.models import Organisation
from ctip.people.models import Sex
from ctip.programs.models import Program

from . import queries

# Country names as the fact sheet prints them, translated with the sheet's other words.
COUNTRY_NAMES = {
    "BN": _("Brunei Darussalam"),
    "KH": _("Cambodia"),
    "ID": _("Indonesia"),
    "LA": _("Lao PDR"),
    "MY": _("Malaysia"),
    "MM": _("Myanmar"),
    "PH": _("the Philippines"),
    "SG": _("Singapore"),
    "TH": _("Thailand"),
    "VN": _("Vietnam"),
    "TL": _("Timor-Leste"),
    "ASEAN": _("the ASEAN region"),
}
# The same msgids as django.utils.dates.MONTHS (which dates print through), listed here so
# that makemessages keeps them in our catalogs: Django has none for Lao, Burmese or Filipino.
MONTH_NAMES = (
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
)
# Each language named in itself, for the language switch.
LANGUAGE_NAMES = {
    "en": "English",
    "th": "ไทย",
    "lo": "ລາວ",
    "km": "ខ្មែរ",
    "vi": "Tiếng Việt",
    "id": "Bahasa Indonesia",
    "fil": "Filipino",
    "my": "မြန်မာ",
}


class FactSheetError(ValueError):
    """A fact sheet that cannot be made: unknown country or language."""


@dataclass(frozen=True)
class SexSplit:
    """Participants (attendances, staff excluded) by sex."""

    total: int
    female: int
    male: int
    other: int
    not_specified: int

    def shares(self) -> list[tuple[str, int, Decimal | None]]:
        """(sex, count, percent) for female, male, and other/not specified when non-zero."""
        rows = [(Sex.FEMALE, self.female), (Sex.MALE, self.male)]
        rows += [(Sex.OTHER, self.other)] if self.other else []
        rows += [(Sex.NOT_SPECIFIED, self.not_specified)] if self.not_specified else []
        return [(sex, n, share(n, self.total)) for sex, n in rows]


@dataclass(frozen=True)
class FactSheet:
    program: Program
    period: Period
    country: Country
    events: int
    participants: SexSplit
    capacity_development_events: int
    people_trained: SexSplit
    focal_point: Organisation | None
    key_partners: list[Organisation]
    blurb: str
    highlights: list = field(default_factory=list)  # achievements, from the results framework
    # the country's language -> {"blurb": ..., "highlights": [...]}: the program's own
    # translations (docs/programs.md), English where a text has none
    translated: dict = field(default_factory=dict)

    @property
    def country_name(self) -> str:
        return str(COUNTRY_NAMES.get(self.country.code, self.country.name))

    @property
    def languages(self) -> list[str]:
        return factsheet_languages(self.country)


def factsheet_languages(country: Country) -> list[str]:
    """English, and the country's own language when the app speaks it."""
    spoken = {code for code, _name in settings.LANGUAGES}
    own = country.language
    return ["en"] + ([own] if own in spoken and own != "en" else [])


def share(part: int, whole: int) -> Decimal | None:
    """PART as a percentage of WHOLE: a whole number rounded half up; one decimal when that
    would show 0 for a non-zero PART; Decimal("0.0") when even one decimal rounds to 0
    (printed "<0.1"). None when WHOLE is 0."""
    if not whole:
        return None
    exact = Decimal(part) * 100 / Decimal(whole)
    whole_number = exact.quantize(Decimal(1), ROUND_HALF_UP)
    if whole_number or not part:
        return whole_number
    return exact.quantize(Decimal("0.1"), ROUND_HALF_UP)


def _sex_splits(program: Program, period: Period, country: Country) -> tuple[SexSplit, SexSplit]:
    """Participants by sex at the country's events, and at its capacity development events
    (people trained: with the e-learning completions of the country's learners when the
    program counts them as training)."""
    sexes = tuple(Sex.values)
    counts = {key: dict.fromkeys(("total", *sexes), 0) for key in ("all", "capacity_development")}
    for kind, event_type, n in queries.participants_by_cell(
        program, period, country.code, None, "event_type"
    ):
        trained = event_type in Event.CAPACITY_DEVELOPMENT
        for key in ("all", "capacity_development") if trained else ("all",):
            counts[key]["total"] += n
            if kind.sex in sexes:
                counts[key][kind.sex] += n
    if program.counts_elearning_as_trained:  # the program's choice (docs/instruments.md)
        from ctip.elearning.queries import completions_by_sex

        for sex, n in completions_by_sex(program, period, country.code).items():
            counts["capacity_development"]["total"] += n
            if sex in sexes:
                counts["capacity_development"][sex] += n

    def split(key: str) -> SexSplit:
        numbers = counts[key]
        return SexSplit(
            total=numbers["total"],
            female=numbers[Sex.FEMALE],
            male=numbers[Sex.MALE],
            other=numbers[Sex.OTHER],
            not_specified=numbers[Sex.NOT_SPECIFIED],
        )

    return split("all"), split("capacity_development")


def _country(country_code: str) -> Country:
    country = Country.objects.filter(code=country_code.strip().upper()).first()
    if country is None:
        raise FactSheetError(f"unknown country code {country_code!r}")
    return country


def _period(program: Program, period: Period | str) -> Period:
    return program.period(period) if isinstance(period, str) else period


def factsheet(program: Program, period: Period | str, country_code: str) -> FactSheet:
    """The fact sheet's numbers and partners for COUNTRY_CODE in PERIOD (a Period or a label
    such as "FY2024-25"). Aggregates only: no person is named."""
    from ctip.partnerships.models import CountryPartnership

    period = _period(program, period)
    country = _country(country_code)
    highlights = _highlights(program, period, country)
    events = queries.events_by_place_and_type(program, period, country.code)
    participants, people_trained = _sex_splits(program, period, country)
    partnership = (
        CountryPartnership.objects.filter(program=program, country=country)
        .select_related("focal_point")
        .first()
    )
    return FactSheet(
        program=program,
        period=period,
        country=country,
        events=sum(n for _place, _type, n in events),
        participants=participants,
        capacity_development_events=sum(
            n for _place, event_type, n in events if event_type in Event.CAPACITY_DEVELOPMENT
        ),
        people_trained=people_trained,
        focal_point=partnership.focal_point if partnership else None,
        key_partners=list(partnership.key_partners.order_by("name")) if partnership else [],
        blurb=program.blurb_en or "",
        highlights=highlights,
        translated={
            lang: _translated_texts(program, period, country, lang, highlights)
            for lang in factsheet_languages(country)
            if lang != "en"
        },
    )


def _translated_texts(
    program: Program, period: Period, country: Country, lang: str, highlights: list[str]
) -> dict:
    """The description and highlights in LANG: the program's translation of each text where
    it has one (an achievement's translated title replaces its English title)."""
    from modeltranslation.utils import build_localized_fieldname

    from ctip.results.models import Evidence

    titles = {
        english: translated
        for english, translated in Evidence.objects.filter(
            program=program,
            kind=Evidence.Kind.ACHIEVEMENT,
            country=country,
            date__gte=period.start,
            date__lte=period.end,
        ).values_list("title_en", build_localized_fieldname("title", lang))
        if english and translated
    }
    translated = []
    for line in highlights:
        for english, text in titles.items():
            if line.startswith(english + " ("):
                line = text + line[len(english) :]
                break
        translated.append(line)
    description = getattr(program, build_localized_fieldname("blurb", lang)) or ""
    return {"blurb": description or program.blurb_en or "", "highlights": translated}


def _highlights(program: Program, period: Period, country: Country) -> list[str]:
    """The period's achievements in the country, with their tags, from the evidence library."""
    from ctip.results.queries import achievements

    return [
        f"{a.title} ({a.stage.lower()}, {a.date})" + (f" – {a.tags}" if a.tags else "")
        for a in achievements(program, period, country.code)
    ]


def format_number(value: int | Decimal, decimals: int = 0) -> str:
    """VALUE with thousands separators, in the active language's notation (1,472 / 1.472)."""
    text = f"{value:,.{decimals}f}"
    thousands = get_format("THOUSAND_SEPARATOR")
    decimal = get_format("DECIMAL_SEPARATOR")
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def format_share(value: Decimal | None) -> str:
    """A share from share(), as printed: "44", "0.5", "<0.1", "–"."""
    if value is None:
        return "–"
    if value == 0 and value.as_tuple().exponent < 0:
        return "<" + format_number(Decimal("0.1"), 1)
    return format_number(value, max(0, -value.as_tuple().exponent))


_SEX_LABELS = {
    Sex.FEMALE: _("%(share)s%% female"),
    Sex.MALE: _("%(share)s%% male"),
    Sex.OTHER: _("%(share)s%% other"),
    Sex.NOT_SPECIFIED: _("%(share)s%% did not specify"),
}


def _split_context(split: SexSplit) -> dict:
    rows = []
    offset = 0.0
    for sex, count, value in split.shares():
        width = count * 100 / split.total if split.total else 0.0
        rows.append(
            {
                "sex": str(sex),
                "count": count,
                "label": str(_SEX_LABELS[sex]) % {"share": format_share(value)},
                "offset": f"{offset:.2f}",
                "width": f"{width:.2f}",
            }
        )
        offset += width
    return {"total": format_number(split.total), "count": split.total, "shares": rows}


def _sheet_context(sheet: FactSheet) -> dict:
    """What the templates print, computed in the active language."""
    texts = sheet.translated.get(translation.get_language(), {})
    return {
        "sheet": sheet,
        "blurb": texts.get("blurb", sheet.blurb),
        "highlights": texts.get("highlights", sheet.highlights),
        "country_name": sheet.country_name,
        "period_start": date_format(sheet.period.start, "j F Y"),
        "period_end": date_format(sheet.period.end, "j F Y"),
        "events": format_number(sheet.events),
        "capacity_development_events": format_number(sheet.capacity_development_events),
        "participants": _split_context(sheet.participants),
        "people_trained": _split_context(sheet.people_trained),
        "generated_on": date_format(timezone.localdate(), "j F Y"),
        "language": translation.get_language(),
    }


def _check_language(lang: str) -> str:
    spoken = {code for code, _name in settings.LANGUAGES}
    if lang not in spoken:
        raise FactSheetError(f"unknown language {lang!r}; one of: {', '.join(sorted(spoken))}")
    return lang


def render_factsheet_sheet(sheet: FactSheet, lang: str) -> str:
    """The sheet itself (an <article>), in LANG, for embedding in a web page."""
    with translation.override(_check_language(lang)):
        return render_to_string("reports/factsheet_sheet.html", _sheet_context(sheet))


def _stylesheet() -> str:
    path = finders.find("reports/factsheet.css")
    with open(path, encoding="utf-8") as css:
        return css.read()


def render_factsheet_document(sheet: FactSheet, lang: str) -> str:
    """A standalone HTML document of the sheet (CSS inline, nothing to fetch), in LANG."""
    with translation.override(_check_language(lang)):
        context = _sheet_context(sheet)
        context["sheet_html"] = render_to_string("reports/factsheet_sheet.html", context)
        context["stylesheet"] = _stylesheet()
        return render_to_string("reports/factsheet_print.html", context)


def render_factsheet_html(
    program: Program, period: Period | str, country_code: str, lang: str = "en"
) -> str:
    """The fact sheet as one self-contained HTML document in LANG."""
    return render_factsheet_document(factsheet(program, period, country_code), lang)


def render_factsheet_pdf(
    program: Program, period: Period | str, country_code: str, lang: str = "en"
) -> bytes:
    """The fact sheet as a print-ready A4 PDF in LANG (needs Chromium; see reports.pdf)."""
    from .pdf import html_to_pdf

    return html_to_pdf(render_factsheet_html(program, period, country_code, lang))


def render_factsheet_markdown(
    program: Program, period: Period | str, country_code: str, lang: str = "en"
) -> str:
    """The fact sheet as Markdown in LANG: the same words and numbers as the page."""
    sheet = factsheet(program, period, country_code)
    with translation.override(_check_language(lang)):
        context = _sheet_context(sheet)
        country = context["country_name"]

        def split(value: dict) -> str:
            return f" ({', '.join(row['label'] for row in value['shares'])})" if value else ""

        lines = [
            f"# {_('Country fact sheet')}: {country}",
            "",
            f"{program.name}. "
            + _("%(label)s: %(start)s to %(end)s")
            % {
                "label": sheet.period.label,
                "start": context["period_start"],
                "end": context["period_end"],
            },
            "",
            f"- **{context['events']}** "
            + ngettext("event in %(country)s", "events in %(country)s", sheet.events)
            % {"country": country},
            f"- **{context['participants']['total']}** "
            + ngettext("participant", "participants", sheet.participants.total)
            + split(context["participants"] if sheet.participants.total else {}),
            f"- **{context['capacity_development_events']}** "
            + ngettext(
                "capacity development event conducted in %(country)s",
                "capacity development events conducted in %(country)s",
                sheet.capacity_development_events,
            )
            % {"country": country},
            f"- **{context['people_trained']['total']}** "
            + ngettext("person trained", "people trained", sheet.people_trained.total)
            + split(context["people_trained"] if sheet.people_trained.total else {}),
            "",
            f"## {_('Focal point')}",
            "",
            sheet.focal_point.name if sheet.focal_point else _("No focal point recorded yet."),
            "",
            f"## {_('Key partners')}",
            "",
        ]
        lines += [f"- {o.name}" for o in sheet.key_partners] or [
            str(_("No key partners recorded yet."))
        ]
        lines += ["", f"## {_('About the program')}", "", context["blurb"] or "", ""]
        lines += [f"## {_('Highlights')}", ""]
        lines += [f"- {h}" for h in context["highlights"]] or [
            str(
                _(
                    "No achievements recorded for this period yet. Highlights by outcome area "
                    "appear here once achievements are recorded in the results framework."
                )
            )
        ]
        return "\n".join(str(line) for line in lines) + "\n"


def factsheet_to_dict(sheet: FactSheet) -> dict:
    """The fact sheet as plain data (for JSON): counts, and shares as printed in English."""

    def split(value: SexSplit) -> dict:
        return {
            "total": value.total,
            "female": value.female,
            "male": value.male,
            "other": value.other,
            "not_specified": value.not_specified,
            "percent": {
                str(sex).replace("-", "_"): (None if pct is None else float(pct))
                for sex, _n, pct in value.shares()
            },
        }

    return {
        "program": sheet.program.code,
        "period": {
            "label": sheet.period.label,
            "start": sheet.period.start.isoformat(),
            "end": sheet.period.end.isoformat(),
        },
        "country": {"code": sheet.country.code, "name": sheet.country.name},
        "events": sheet.events,
        "participants": split(sheet.participants),
        "capacity_development_events": sheet.capacity_development_events,
        "people_trained": split(sheet.people_trained),
        "focal_point": sheet.focal_point.name if sheet.focal_point else None,
        "key_partners": [organisation.name for organisation in sheet.key_partners],
        "blurb": sheet.blurb,
        "highlights": list(sheet.highlights),
    }
