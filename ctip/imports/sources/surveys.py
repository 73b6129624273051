"""Survey answers: participant feedback (`feedback`) and the partner survey
(`partner-survey`), one row per response, one column per statement code of the program.

A response is kept once: a `response_id` column (KoboToolbox's `_uuid`, ODK Central's
`meta-instanceID`, or any id of the form) is its key; without one, the row's own content
is (with the number of identical rows before it, so two participants who answered alike
are two responses). Importing the same file again changes nothing. Responses are
anonymous and not audited, like those sent from the web."""

from __future__ import annotations

import hashlib
import json

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ctip.countries.models import Country
from ctip.lib import normalise
from ctip.surveys.models import Answer, Likert, Response, Statement, SurveyKind

from ..permissions import import_countries, importable_events
from .base import INVALID, Column, Context, ImportSource, Plan, RowResult, RowStatus

# Every spelling's key → the Likert value. English, Thai and Vietnamese words, and 1-5.
SCALE = normalise.choice_table(
    [],
    {
        **{str(value): str(value) for value in Likert.values},
        "fully agree": "5",
        "strongly agree": "5",
        "agree": "4",
        "neutral": "3",
        "neither": "3",
        "neither agree nor disagree": "3",
        "disagree": "2",
        "fully disagree": "1",
        "strongly disagree": "1",
        "เห็นด้วยอย่างยิ่ง": "5",
        "เห็นด้วย": "4",
        "เฉยๆ": "3",
        "เฉย ๆ": "3",
        "ไม่แน่ใจ": "3",
        "เฉย ๆ (ไม่เห็นด้วยและไม่คัดค้าน)": "3",
        "ไม่เห็นด้วย": "2",
        "ไม่เห็นด้วยอย่างยิ่ง": "1",
        "hoàn toàn đồng ý": "5",
        "đồng ý": "4",
        "trung lập": "3",
        "bình thường": "3",
        "không đồng ý cũng không phản đối": "3",
        "không đồng ý": "2",
        "hoàn toàn không đồng ý": "1",
    },
)
SCALE_WORDS = "1-5 or fully agree, agree, neutral, disagree, fully disagree"
SCALE_HELP = "5 fully agree, 4 agree, 3 neutral, 2 disagree, 1 fully disagree; blank: no answer"

RESPONSE_ID = Column(
    "response_id",
    False,
    ("response id", "uuid", "meta_instanceid", "submission id", "key"),
    help="KoboToolbox _uuid, ODK instanceID, or any unique id of the response",
)
ANSWERED_ON = ("date answered", "answered", "date", "submitted on")
MAY_QUOTE = Column(
    "may_quote",
    False,
    ("may quote", "quote", "consent to quote", "can quote", "quotable"),
    ("yes", "no"),
)
ATTRIBUTION = Column("attribution", False, ("quote attribution", "quote as", "name as"))


class _SurveySource(ImportSource):
    survey_kind: str = ""
    base_columns: tuple[Column, ...] = ()
    leading_columns = 0

    @property
    def columns(self) -> tuple[Column, ...]:  # type: ignore[override]
        """The fixed columns, then every statement code any program has for this survey
        (which belong to the importing program is checked per file)."""
        codes = (
            Statement.objects.filter(kind=self.survey_kind)
            .order_by("order", "code")
            .values_list("code", flat=True)
            .distinct()
        )
        fixed = {normalise.header(column.name) for column in self.base_columns}
        seen: set[str] = set()
        statements = []
        for code in codes:
            if normalise.header(code) in fixed | seen:
                continue
            seen.add(normalise.header(code))
            statements.append(
                Column(code, False, choices=("5", "4", "3", "2", "1"), help=SCALE_HELP)
            )
        # Statements after the columns that say whose answers they are, as forms ask.
        lead = self.leading_columns
        return (*self.base_columns[:lead], *statements, *self.base_columns[lead:])

    def check_columns(self, present: set[str], ctx: Context) -> None:
        super().check_columns(present, ctx)
        statements = self._statements(ctx.program)
        for column in self.columns:
            if column in self.base_columns or column.name not in present:
                continue
            if column.name not in statements:
                ctx.error(
                    _('"%(column)s" is not a statement of this program\'s %(survey)s')
                    % {"column": column.name, "survey": self.label}
                )
        if not any(code in present for code in statements):
            ctx.error(
                _("the file has no statement column; use the statement codes: %(codes)s")
                % {"codes": ", ".join(statements)}
            )

    def _statements(self, program) -> dict[str, Statement]:
        return {
            statement.code: statement
            for statement in Statement.objects.filter(program=program, kind=self.survey_kind)
        }

    # -- reading a row --------------------------------------------------------------------

    def _answers(self, number, cells, ctx, statements) -> dict[str, int]:
        answers = {}
        for code, statement in statements.items():
            written = normalise.text(cells.get(code))
            if not written:
                continue
            value = SCALE.get(normalise.key(written))
            if value is None:
                ctx.error(
                    _('"%(value)s" is not an answer on the five-point scale; write %(words)s')
                    % {"value": written, "words": SCALE_WORDS},
                    number,
                    code,
                )
            elif not statement.active:
                ctx.error(
                    _("this statement is no longer used; leave its column empty"), number, code
                )
            else:
                answers[code] = int(value)
        return answers

    def _quote(self, number, cells, ctx) -> tuple[bool, str]:
        may_quote = ctx.read(
            number, "may_quote", normalise.normalise_yes_no, cells.get("may_quote")
        )
        attribution = normalise.text(cells.get("attribution"))[:200]
        if may_quote is INVALID:
            return False, ""
        if attribution and not may_quote:
            ctx.warn(
                _("an attribution without consent to quote is not kept"), number, "attribution"
            )
            attribution = ""
        return bool(may_quote), attribution

    def _key(self, number, cells, ctx, content: dict, seen_keys: dict, occurrences: dict):
        response_id = normalise.text(cells.get("response_id"))
        if response_id:
            key = f"import:{response_id}"[:120]
            if key in seen_keys:
                ctx.error(
                    _("response %(id)s is already on row %(row)s")
                    % {"id": response_id, "row": seen_keys[key]},
                    number,
                    "response_id",
                )
                return None
        else:
            digest = hashlib.sha256(
                json.dumps(content, sort_keys=True, default=str).encode()
            ).hexdigest()[:40]
            occurrences[digest] = occurrences.get(digest, 0) + 1
            key = f"row:{digest}:{occurrences[digest]}"
        seen_keys[key] = number
        return key

    # -- planning and writing -------------------------------------------------------------

    def plan(self, rows: list[tuple[int, dict]], ctx: Context) -> Plan:
        # Look-ups for this import only: a source is one shared object, and two imports
        # may run at the same time.
        known = self._known(ctx)
        statements = self._statements(ctx.program)
        existing = self._existing(ctx.program)
        plan = Plan(self.kind, payload=[])
        seen_keys: dict[str, int] = {}
        occurrences: dict[str, int] = {}
        for number, cells in rows:
            errors_before = len(ctx.errors)
            values = self._read(number, cells, ctx, known)
            answers = self._answers(number, cells, ctx, statements)
            may_quote, attribution = self._quote(number, cells, ctx)
            free_text = str(cells.get(self.free_text_column) or "").strip()
            if len(ctx.errors) > errors_before or values is None:
                continue
            if not answers and not free_text:
                ctx.error(_("the row has no answer"), number)
                continue
            fields = {
                **values,
                "free_text": free_text,
                "agreed_to_be_quoted": may_quote,
                "quote_attribution": attribution,
            }
            content = {**fields, "answers": answers}
            key = self._key(number, cells, ctx, content, seen_keys, occurrences)
            if key is None:
                continue
            label = self._label(values, known)
            if key in existing:
                if existing[key] != _comparable(content):
                    ctx.warn(
                        _(
                            "this response was imported before with other answers; the first "
                            "import is kept"
                        ),
                        number,
                        "response_id",
                    )
                plan.results.append(RowResult(number, RowStatus.UNCHANGED, label))
                continue
            plan.results.append(RowResult(number, RowStatus.NEW, label))
            plan.payload.append((key, fields, answers))
        return plan

    def _existing(self, program) -> dict[str, dict]:
        """Source key → content of the responses imported before."""
        responses = Response.objects.filter(program=program, kind=self.survey_kind).filter(
            Q(source_key__startswith="import:") | Q(source_key__startswith="row:")
        )
        answers: dict[int, dict] = {}
        for response_id, code, value in Answer.objects.filter(response__in=responses).values_list(
            "response_id", "statement__code", "value"
        ):
            answers.setdefault(response_id, {})[code] = value
        return {
            response.source_key: _comparable(
                {**self._fields_of(response), "answers": answers.get(response.pk, {})}
            )
            for response in responses
        }

    def apply(self, plan: Plan, ctx: Context, recorder) -> None:
        statements = self._statements(ctx.program)
        responses = [
            Response(program=ctx.program, kind=self.survey_kind, source_key=key, **fields)
            for key, fields, _answers in plan.payload
        ]
        Response.objects.bulk_create(responses, batch_size=2000)
        answers = [
            Answer(response=response, statement=statements[code], value=value)
            for response, (_key, _fields, by_code) in zip(responses, plan.payload, strict=True)
            for code, value in by_code.items()
        ]
        Answer.objects.bulk_create(answers, batch_size=2000)
        # Not audited (responses are anonymous), but recorded so the import can be undone.
        recorder.created(responses, audit=False)
        recorder.created(answers, audit=False)


def _comparable(content: dict) -> dict:
    return json.loads(json.dumps(content, sort_keys=True, default=str))


class FeedbackSource(_SurveySource):
    kind = "feedback"
    label = _("Participant feedback")
    survey_kind = SurveyKind.FEEDBACK
    free_text_column = "free_text"
    leading_columns = 2
    base_columns = (
        Column("event_id", True, ("event id", "event", "event code", "activity id")),
        Column("answered_on", False, ANSWERED_ON, xlsform_type="date"),
        Column("free_text", False, ("comments", "comment", "anything else", "feedback")),
        MAY_QUOTE,
        ATTRIBUTION,
        RESPONSE_ID,
    )

    def _known(self, ctx) -> dict:
        events = {event.code: event for event in importable_events(ctx.actor, ctx.program)}
        return {"events": events, "codes": {event.pk: code for code, event in events.items()}}

    def _read(self, number, cells, ctx, known) -> dict | None:
        code = normalise.text(cells.get("event_id"))
        event = known["events"].get(code)
        if not code:
            ctx.error(_("an event ID is needed"), number, "event_id")
        elif event is None:
            ctx.error(
                _('"%(value)s" is not an event of this program that you may import for')
                % {"value": code},
                number,
                "event_id",
            )
        answered_on = ctx.read(
            number, "answered_on", normalise.normalise_date, cells.get("answered_on")
        )
        if event is None or answered_on is INVALID:
            return None
        if answered_on is not None and answered_on < event.start_date:
            ctx.error(
                _("feedback cannot be given (%(date)s) before the event starts (%(start)s)")
                % {"date": answered_on, "start": event.start_date},
                number,
                "answered_on",
            )
            return None
        return {"event_id": event.pk, "answered_on": answered_on or event.end_date}

    def _label(self, values, known) -> str:
        return f"{known['codes'][values['event_id']]} · {values['answered_on']}"

    def _fields_of(self, response) -> dict:
        return {
            "event_id": response.event_id,
            "answered_on": response.answered_on,
            "free_text": response.free_text,
            "agreed_to_be_quoted": response.agreed_to_be_quoted,
            "quote_attribution": response.quote_attribution,
        }


class PartnerSurveySource(_SurveySource):
    kind = "partner-survey"
    label = _("Partner survey")
    survey_kind = SurveyKind.PARTNER
    free_text_column = "example_of_change"
    leading_columns = 3
    base_columns = (
        Column("answered_on", True, ANSWERED_ON, xlsform_type="date"),
        Column("organisation", False, ("organization", "respondent organisation", "agency")),
        Column("country", False, ("respondent country", "country of respondent")),
        Column(
            "example_of_change",
            False,
            ("example of change", "example", "free_text", "comments", "change"),
        ),
        MAY_QUOTE,
        ATTRIBUTION,
        RESPONSE_ID,
    )

    def _known(self, ctx) -> dict:
        return {
            "allowed": import_countries(ctx.actor, ctx.program),
            "countries": set(Country.objects.values_list("code", flat=True)),
        }

    def _read(self, number, cells, ctx, known) -> dict | None:
        answered_on = ctx.read(
            number, "answered_on", normalise.normalise_date, cells.get("answered_on")
        )
        if answered_on is None:
            ctx.error(_("the date answered is needed"), number, "answered_on")
        elif answered_on is not INVALID and answered_on > timezone.localdate():
            ctx.error(_("%(date)s is in the future") % {"date": answered_on}, number, "answered_on")
            answered_on = INVALID
        country = ctx.read_coded(
            number, "country", normalise.normalise_country, cells.get("country")
        )
        if country not in (None, INVALID) and country not in known["countries"]:
            ctx.error(
                _('"%(value)s" is not a country we know') % {"value": cells.get("country")},
                number,
                "country",
            )
            country = INVALID
        allowed = known["allowed"]
        if allowed is not None and country not in allowed:
            ctx.error(
                _("you may import answers only from your countries (%(countries)s)")
                % {"countries": ", ".join(sorted(allowed))},
                number,
                "country",
            )
            country = INVALID
        if answered_on in (None, INVALID) or country is INVALID:
            return None
        return {
            "answered_on": answered_on,
            "respondent_organisation": normalise.text(cells.get("organisation"))[:300],
            "respondent_country_id": country,
        }

    def _label(self, values, known) -> str:
        parts = [values["respondent_organisation"], values["respondent_country_id"] or ""]
        return " · ".join(part for part in parts if part) or str(values["answered_on"])

    def _fields_of(self, response) -> dict:
        return {
            "answered_on": response.answered_on,
            "respondent_organisation": response.respondent_organisation,
            "respondent_country_id": response.respondent_country_id,
            "free_text": response.free_text,
            "agreed_to_be_quoted": response.agreed_to_be_quoted,
            "quote_attribution": response.quote_attribution,
        }
