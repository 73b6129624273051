"""Events: one row per event, keyed by its event ID within the program.

A program has hundreds of events, not hundreds of thousands, so rows are saved one by one
and django-auditlog audits each as it would a web form's save."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ctip.events.codes import new_code_refusal
from ctip.events.models import Event
from ctip.lib import normalise
from ctip.organisations.models import Organisation
from ctip.programs.models import Outcome

from ..permissions import import_countries
from .base import INVALID, Column, Context, ImportSource, Plan, RowResult, RowStatus

EVENT_TYPES = normalise.choice_table(
    Event.Type.values,
    {"capacity building": "training", "webinars": "webinar", "launch event": "launch"},
)
MODALITIES = normalise.choice_table(
    Event.Modality.values,
    {"in person": "in-person", "face to face": "in-person", "virtual": "online"},
)
FIELDS = (
    "title",
    "start_date",
    "end_date",
    "country_id",
    "event_type",
    "modality",
    "project_id",
    "lead_partner_id",
    "place",
    "series_id",
    "series_number",
    "grant_id",
)
COLUMN_OF_FIELD = {
    "series_id": "series",
    "series_number": "series_number",
    "grant_id": "grant",
    "start_date": "start_date",
    "end_date": "end_date",
    "event_type": "event_type",
    "country_id": "country",
    "project_id": "project",
    "lead_partner_id": "lead_partner",
    "place": "location",
}


class EventSource(ImportSource):
    kind = "events"
    label = _("Events")
    columns = (
        Column("event_id", True, ("event id", "event code", "activity id", "id", "code")),
        Column("title", True, ("event title", "name", "event name", "activity")),
        Column("start_date", True, ("start", "date", "start date", "from"), xlsform_type="date"),
        Column("end_date", False, ("end", "end date", "to"), xlsform_type="date"),
        Column("country", True, ("country/region", "country or region")),
        Column("event_type", True, ("type", "event type", "activity type"), Event.Type.values),
        Column("modality", False, ("mode", "format", "delivery"), Event.Modality.values),
        Column("project", False, ("project code",)),
        Column("outcomes", False, ("intermediate outcomes", "ios", "outcome")),
        Column("lead_partner", False, ("lead partner", "lead organisation", "partner")),
        Column("location", False, ("place", "venue", "city")),
        Column("series", False, ("series code", "event series")),
        Column("series_number", False, ("number in series", "series no", "no in series")),
        Column("grant", False, ("grant code", "grantee grant")),
    )

    def plan(self, rows: list[tuple[int, dict]], ctx: Context) -> Plan:
        program = ctx.program
        allowed = import_countries(ctx.actor, program)
        projects = {normalise.key(p.code): p.pk for p in program.projects.all()}
        outcomes = {o.number: o.pk for o in Outcome.objects.filter(program=program, level="io")}
        partners = _Partners()
        lookups = {
            "series": {normalise.key(s.code): s.pk for s in program.series.all()},
            "grant": {normalise.key(g.code): g.pk for g in program.grants.all()},
        }
        existing = {event.code: event for event in Event.objects.filter(program=program)}
        numbered = {
            (event.series_id, event.series_number): event.code
            for event in existing.values()
            if event.series_id is not None
        }
        existing_outcomes: dict[int, set[int]] = {}
        for event_id, outcome_id in Event.outcomes.through.objects.filter(
            event__program=program
        ).values_list("event_id", "outcome_id"):
            existing_outcomes.setdefault(event_id, set()).add(outcome_id)

        plan = Plan(self.kind, payload=[])
        seen: dict[str, int] = {}
        for number, cells in rows:
            code = normalise.text(cells.get("event_id"))
            if not code:
                ctx.error(_("an event ID is needed"), number, "event_id")
                continue
            if code in seen:
                ctx.error(
                    _("event ID %(code)s is already on row %(row)s")
                    % {"code": code, "row": seen[code]},
                    number,
                    "event_id",
                )
                continue
            seen[code] = number
            values = self._read(number, cells, ctx, projects, partners, lookups)
            if values is None:
                continue
            place_in_series = (values["series_id"], values["series_number"])
            if values["series_id"] is not None and numbered.get(place_in_series, code) != code:
                ctx.error(
                    _("number %(number)s of this series is event %(code)s")
                    % {"number": values["series_number"], "code": numbered[place_in_series]},
                    number,
                    "series_number",
                )
                continue
            if values["series_id"] is not None:
                numbered[place_in_series] = code
            wanted_outcomes = set()
            for outcome in values.pop("outcomes"):
                if outcome not in outcomes:
                    ctx.error(
                        _("%(number)s is not an intermediate outcome of this program")
                        % {"number": outcome},
                        number,
                        "outcomes",
                    )
                else:
                    wanted_outcomes.add(outcomes[outcome])
            if allowed is not None and values["country_id"] not in allowed:
                ctx.error(
                    _("you may import events only in your countries (%(countries)s)")
                    % {"countries": ", ".join(sorted(allowed))},
                    number,
                    "country",
                )
                continue
            event = existing.get(code)
            if event is None or event.country_id != values["country_id"]:
                # A new ID's shape is checked before anything that depends on other
                # countries' events, which a country officer must not learn of.
                refusal = new_code_refusal(code, values["country_id"], allowed)
                if refusal:
                    ctx.error(refusal, number, "event_id")
                    continue
            if allowed is not None and event is not None and event.country_id not in allowed:
                # Only an ID held before the rule in ctip/events/codes.py can get here.
                ctx.error(
                    _("you may import events only in your countries (%(countries)s)")
                    % {"countries": ", ".join(sorted(allowed))},
                    number,
                    "country",
                )
                continue
            if event is None:
                plan.results.append(RowResult(number, RowStatus.NEW, f"{code} · {values['title']}"))
                plan.payload.append((code, None, values, wanted_outcomes))
                continue
            # Only what the sheet has a column for is compared and updated.
            changed = [
                name
                for name in FIELDS
                if COLUMN_OF_FIELD.get(name, name) in ctx.present
                and getattr(event, name) != values[name]
            ]
            if "end_date" not in ctx.present and event.end_date < values["start_date"]:
                changed.append("end_date")  # an event cannot end before its new start
            if "outcomes" in ctx.present and (
                existing_outcomes.get(event.pk, set()) != wanted_outcomes
            ):
                changed.append("outcomes")
            status = RowStatus.CHANGED if changed else RowStatus.UNCHANGED
            plan.results.append(
                RowResult(
                    number,
                    status,
                    f"{code} · {values['title']}",
                    [COLUMN_OF_FIELD.get(name, name) for name in changed],
                )
            )
            if changed:
                before = {name: getattr(event, name) for name in changed if name != "outcomes"}
                if "outcomes" in changed:
                    before["outcomes"] = sorted(existing_outcomes.get(event.pk, set()))
                delta = {name: values[name] for name in changed if name != "outcomes"}
                plan.payload.append((code, event, delta, wanted_outcomes, before))
        return plan

    def _read(self, number, cells, ctx, projects, partners, lookups) -> dict | None:
        errors_before = len(ctx.errors)
        title = normalise.text(cells.get("title"))
        if not title:
            ctx.error(_("a title is needed"), number, "title")
        start = ctx.read(number, "start_date", normalise.normalise_date, cells.get("start_date"))
        if start is None:
            ctx.error(_("a start date is needed"), number, "start_date")
        end = ctx.read(number, "end_date", normalise.normalise_date, cells.get("end_date"))
        country = ctx.read(
            number,
            "country",
            normalise.normalise_country,
            cells.get("country"),
            allow_regional=True,
        )
        if country is None:
            ctx.error(_("a country is needed (or ASEAN for a regional event)"), number, "country")
        event_type = ctx.read(
            number,
            "event_type",
            normalise.normalise_choice,
            cells.get("event_type"),
            choices=EVENT_TYPES,
            what=_("an event type"),
        )
        modality = ctx.read(
            number,
            "modality",
            normalise.normalise_choice,
            cells.get("modality"),
            choices=MODALITIES,
            what=_("a modality"),
            default=Event.Modality.ONLINE if event_type == "webinar" else Event.Modality.IN_PERSON,
        )
        project = None
        project_code = normalise.text(cells.get("project"))
        if project_code:
            project = projects.get(normalise.key(project_code))
            if project is None and not projects:
                ctx.error(
                    _(
                        '"%(value)s" is not a project of this program: the program has no '
                        "projects yet; add them to its program file and load it again "
                        "(`ctip program load FILE`), or on the program's Projects page"
                    )
                    % {"value": project_code},
                    number,
                    "project",
                )
            elif project is None:
                ctx.error(
                    _('"%(value)s" is not a project of this program; use one of %(listed)s')
                    % {"value": project_code, "listed": ", ".join(sorted(projects)).upper()},
                    number,
                    "project",
                )
        outcomes = ctx.read(number, "outcomes", normalise.normalise_numbers, cells.get("outcomes"))
        lead_partner = None
        partner_name = normalise.text(cells.get("lead_partner"))
        if partner_name and country not in (None, INVALID):
            lead_partner = partners.find(partner_name, country, number, ctx)
        found = {}
        for column in ("series", "grant"):
            written = normalise.text(cells.get(column))
            found[column] = lookups[column].get(normalise.key(written)) if written else None
            if written and found[column] is None:
                ctx.error(
                    _('"%(value)s" is not a %(what)s of this program; use one of %(listed)s')
                    % {
                        "value": written,
                        "what": _("series") if column == "series" else _("grant"),
                        "listed": ", ".join(sorted(lookups[column])) or "—",
                    },
                    number,
                    column,
                )
        series_number = ctx.read(
            number, "series_number", normalise.normalise_numbers, cells.get("series_number")
        )
        if series_number is INVALID:
            series_number = []
        if len(series_number) > 1:
            ctx.error(_("one number in the series"), number, "series_number")
        series_number = series_number[0] if series_number else None
        if (found["series"] is None) != (series_number is None) and "series" not in [
            e.column for e in ctx.errors[errors_before:]
        ]:
            ctx.error(
                _("an event in a series needs its number, and a number its series"),
                number,
                "series_number",
            )
        if start not in (None, INVALID) and end not in (None, INVALID) and end < start:
            ctx.error(
                _("the event ends (%(end)s) before it starts (%(start)s)")
                % {"end": end, "start": start},
                number,
                "end_date",
            )
        if len(ctx.errors) > errors_before:
            return None
        return {
            "title": title[:300],
            "start_date": start,
            "end_date": end or start,
            "country_id": country,
            "event_type": event_type,
            "modality": modality,
            "project_id": project,
            "lead_partner_id": lead_partner,
            "place": normalise.text(cells.get("location"))[:200],
            "series_id": found["series"],
            "series_number": series_number,
            "grant_id": found["grant"],
            "outcomes": outcomes,
        }

    def apply(self, plan: Plan, ctx: Context, recorder) -> None:
        created = []
        for code, event, values, outcomes, *before in plan.payload:
            if event is None:
                event = Event(program=ctx.program, code=code, **values)
                event.full_clean()
                event.save()
                event.outcomes.set(outcomes)
                created.append(event)
                continue
            for name, value in values.items():
                setattr(event, name, value)
            event.full_clean()
            event.save()
            if "outcomes" in before[0]:
                event.outcomes.set(outcomes)
            recorder.changed(event, before[0], {}, audit=False)
        recorder.created(created, audit=False)


class _Partners:
    """Lead partners are organisations the program already knows, found by name or acronym
    (case and spacing do not matter); one in the event's country wins a tie."""

    def __init__(self):
        self.by_key: dict[str, list[tuple[int, str | None]]] = {}
        for pk, name, acronym, country in Organisation.objects.values_list(
            "pk", "name", "acronym", "country_id"
        ):
            for written in {name, acronym} - {""}:
                self.by_key.setdefault(normalise.key(written), []).append((pk, country))

    def find(self, written: str, country: str, number: int, ctx: Context) -> int | None:
        candidates = self.by_key.get(normalise.key(written), [])
        if not candidates:
            ctx.error(
                _(
                    '"%(value)s" is not an organisation we know; check the spelling, or add '
                    "the organisation first (administration, Organisations)"
                )
                % {"value": written},
                number,
                "lead_partner",
            )
            return None
        local = [pk for pk, where in candidates if where == country]
        if len({pk for pk, _where in candidates}) == 1 or len(local) == 1:
            return local[0] if local else candidates[0][0]
        ctx.error(
            _('"%(value)s" names several organisations; write its full name') % {"value": written},
            number,
            "lead_partner",
        )
        return None
