"""Exports as people download them: what a file's header says about where it came from.

KoboToolbox (formpack) exports with labels or XML values, with or without group names
(`group/question`), in any language of the form; ODK Central's csv (groups joined with `-`,
`SubmissionDate` first) and its zip (the main csv beside one csv per repeat group). Their
meta columns are set aside without a warning; the labels of the project's own XLSForms
(ctip/imports/xlsforms.py), in every language, are aliases of their columns, and their
choice labels aliases of the values. When a header cannot be read, the errors say what the
file looks like and how to export it again. docs/imports.md lists the shapes."""

from __future__ import annotations

import io
import operator
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ctip.lib import normalise

from .readers import MAX_XLSX_UNCOMPRESSED_BYTES, UnreadableFile

KOBO = "KoboToolbox"
CENTRAL = "ODK Central"

# Columns KoboToolbox adds around the questions (formpack's copy fields, `start`/`end` of its
# form builder) and the ones ODK Central adds (its csv's system columns). Compared in lower
# case; every Kobo column starting with `_` (`_id`, `_location_latitude`, …) is meta too.
KOBO_META = {
    "start",
    "end",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
}
CENTRAL_META = {
    "submissiondate",
    "key",
    "meta-instanceid",
    "submitterid",
    "submittername",
    "attachmentspresent",
    "attachmentsexpected",
    "status",
    "reviewstate",
    "deviceid",
    "edits",
    "formversion",
}
# What any XLSForm may collect about the submission itself (metadata question types and the
# `meta` group), with or without the group prefix.
FORM_META = {
    "start",
    "end",
    "today",
    "deviceid",
    "username",
    "simserial",
    "subscriberid",
    "instanceid",
    "instancename",
    "deprecatedid",
    "rootuuid",
    "uuid",
    "version",
    "audit",
    "submission_time",
    "meta-instanceid",
    "meta/instanceid",
    "meta/instancename",
    "meta/deprecatedid",
    "meta/rootuuid",
    "meta/audit",
}
# A response's own id, best first: Kobo's _uuid (what earlier imports keyed Kobo responses
# by), ODK's instanceID (Central's KEY carries the same value).
RESPONSE_IDS = ("_uuid", "meta-instanceid", "meta/instanceid", "instanceid", "key", "uuid")
KOBO_SIGNS = {"_uuid", "_submission_time", "_index", "_validation_status", "__version__", "_id"}
CENTRAL_SIGNS = {"submissiondate", "reviewstate", "submitterid", "attachmentsexpected"}
# A header that asks about consent in one of the program's languages: a consent column we
# cannot read must stop the import, never be ignored.
CONSENT_WORDS = (
    "consent",
    "agree",
    "permission",
    "keep your details",
    "ยินยอม",
    "อนุญาต",
    "ຍິນຍອມ",
    "ອະນຸຍາດ",
    "យល់ព្រម",
    "អនុញ្ញាត",
    "đồng ý",
    "chấp thuận",
    "persetujuan",
    "setuju",
    "izin",
    "pahintulot",
    "pumapayag",
    "sang-ayon",
    "sumasang ayon",
    "သဘောတူ",
    "ခွင့်ပြု",
)
_SCRIPTS = (  # (first, last code point, language the script suggests)
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x1780, 0x17FF, "Khmer"),
    (0x1000, 0x109F, "Burmese"),
    (0x0400, 0x04FF, "Russian"),
    (0x0600, 0x06FF, "Arabic"),
    (0x4E00, 0x9FFF, "Chinese"),
    (0x3040, 0x30FF, "Japanese"),
    (0xAC00, 0xD7AF, "Korean"),
)
_WORDS = {  # a few words that give a language away in question labels
    "French": {"le", "la", "les", "des", "du", "votre", "vous", "nom", "pays", "quel", "sexe"},
    "Spanish": {"el", "los", "las", "su", "nombre", "país", "usted", "sexo", "cuál"},
    "Portuguese": {"os", "seu", "sua", "nome", "país", "você", "qual", "não"},
    "Indonesian": {"anda", "nama", "negara", "apakah", "dan", "yang", "jenis", "kelamin"},
    "Filipino": {"ang", "ng", "iyong", "pangalan", "bansa", "mo", "sa", "kasarian"},
    "Vietnamese": {"bạn", "tên", "của", "quốc", "giới", "tính", "có", "không"},
    "English": {"the", "your", "you", "of", "and", "name", "what", "do", "is"},
}
_NAME_SEPARATORS = re.compile(r"[/\-]")


def name_key(written: str) -> str:
    """A question name or header as a key: `Event ID` = `event_id` = `event-id`; the marks
    sheets put around a header do not matter (`Mobile No.`, `E-mail:`, `Full name *`,
    `Email (optional)`)."""
    written = _HEADER_NOTE.sub(" ", written.casefold())
    return re.sub(r"[\s\-]+", "_", _HEADER_MARKS.sub("", written)).strip("_")


# a note in brackets after a header, and the marks around one
_HEADER_NOTE = re.compile(r"\s*\((?:optional|required|if any|if available|[^()]*\bonly)\)\s*$")
_HEADER_MARKS = re.compile(r"[.:*#?]")


# -- files --------------------------------------------------------------------------------


def unpack(content: bytes, file_name: str) -> tuple[bytes, str]:
    """The sheet to read from CONTENT: an ODK Central zip gives its main csv (the repeat
    csvs beside it are set aside); any other file is returned as it is."""
    if content[:4] != b"PK\x03\x04" or file_name.lower().endswith(".xlsx"):
        return content, file_name
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = {entry.filename: entry for entry in archive.infolist()}
            if "[Content_Types].xml" in entries or any(n.startswith("xl/") for n in entries):
                return content, file_name  # an .xlsx workbook under another name
            return _main_csv(archive, entries, file_name)
    except UnreadableFile:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        ValueError,
        OSError,
        EOFError,
    ):
        raise UnreadableFile(
            _("%(name)s is a damaged zip file; download it again") % {"name": file_name}
        ) from None


def _main_csv(archive, entries, file_name) -> tuple[bytes, str]:
    csvs = [n for n in entries if n.lower().endswith(".csv") and "/" not in n.strip("/")]
    stems = [name[:-4] for name in csvs]
    # Central names the main csv FORMID.csv, a repeat's FORMID-REPEAT.csv and the audit log
    # FORMID - audit.csv.
    mains = [
        name
        for name in csvs
        if not any(name.startswith(f"{stem}-") for stem in stems if stem != name[:-4])
        and not name.lower().endswith("- audit.csv")
    ]
    found = [name for name in mains if _first_header(archive, entries[name]) == "submissiondate"]
    if len(found) == 1:
        entry = entries[found[0]]
        if entry.file_size > max(MAX_XLSX_UNCOMPRESSED_BYTES, 50 * entry.compress_size):
            raise UnreadableFile(_("the zip expands to far more than it holds; it is refused"))
        return archive.read(entry), found[0]
    if len(found) > 1:
        raise UnreadableFile(
            _(
                "this looks like a zip of several ODK Central forms (%(files)s); import the "
                "csv of one form, or a zip of one form"
            )
            % {"files": ", ".join(found)}
        )
    if csvs:
        raise UnreadableFile(
            _(
                "this looks like an ODK Central zip without its main csv (it holds only "
                "%(files)s, which hold repeat groups, not submissions); download the form's "
                "submissions from Central again (Download → csv or the zip) and import that file"
            )
            % {"files": ", ".join(csvs)}
        )
    raise UnreadableFile(
        _(
            "%(name)s is a zip file without a csv in it; give the .xlsx or .csv of the sheet, "
            "or the zip ODK Central downloads"
        )
        % {"name": file_name}
    )


def _first_header(archive, entry) -> str:
    with archive.open(entry) as handle:
        line = handle.read(4096).decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    return line.split(",", 1)[0].strip().strip('"').casefold()


# -- headers ------------------------------------------------------------------------------


@dataclass
class Header:
    """Where each canonical column is in the file, and how to read its values."""

    positions: dict[str, int] = field(default_factory=dict)
    written_as: dict[str, str] = field(default_factory=dict)
    tool: str = ""
    language: str = ""  # the label language when the export has labels
    set_aside: list[str] = field(default_factory=list)  # meta columns
    _choices: dict[str, dict[str, str]] = field(default_factory=dict)
    _reading: tuple | None = field(default=None, repr=False)

    @property
    def description(self) -> str:
        """What the file was read as, e.g. "a KoboToolbox export with labels in Thai"."""
        if not self.tool:
            return ""
        if self.tool == KOBO and self.language:
            return _("a KoboToolbox export with labels in %(language)s") % {
                "language": self.language
            }
        if self.tool == KOBO:
            return _("a KoboToolbox export with XML values")
        return _("an ODK Central export")

    def values(self, cells) -> dict:
        """The row's cells by canonical column, choice labels read as their values."""
        if self._reading is None:  # once the header is read: what every row repeats
            names, indices = list(self.positions), list(self.positions.values())
            getter = operator.itemgetter(*indices) if len(indices) > 1 else None
            width = max(indices, default=-1) + 1
            choices = [(name, table, {}) for name, table in self._choices.items() if table]
            self._reading = (names, indices, getter, width, choices)
        names, indices, getter, width, choices = self._reading
        if getter is not None and len(cells) >= width:
            values = dict(zip(names, getter(cells), strict=True))
        else:  # a short row (or one column)
            count = len(cells)
            values = {
                name: cells[index] if index < count else None
                for name, index in zip(names, indices, strict=True)
            }
        for name, table, seen in choices:
            value = values[name]
            if isinstance(value, str):
                found = seen.get(value)
                if found is None:
                    found = seen[value] = self._choice(table, value)
                values[name] = found
        return values

    @staticmethod
    def _choice(table, value):
        found = table.get(normalise.key(value))
        if found is None and ": " in value:
            # An event's label is "CODE: title"; the title may have changed since.
            found = table.get(normalise.key(value.split(": ", 1)[0]))
        return value if found is None else found


def read_header(written_header, source, ctx) -> Header:
    """Map the file's header to SOURCE's columns; report unknown columns (warnings), a
    consent column that cannot be read and duplicated columns (errors) through CTX, and when
    required columns are missing, say what the file looks like and how to export it again."""
    from .xlsforms import FORMS, LANGUAGES

    cells = [normalise.text(cell) for cell in written_header]
    lowered = {cell.casefold() for cell in cells if cell}
    header = Header()
    if lowered & CENTRAL_SIGNS or (cells and cells[0].casefold() == "submissiondate"):
        header.tool = CENTRAL
    elif lowered & KOBO_SIGNS:
        header.tool = KOBO
    if "parent_key" in lowered:
        ctx.error(
            _(
                "this looks like the csv of a repeat group from an ODK Central zip (it has "
                "PARENT_KEY); import the form's main csv, or the whole zip"
            )
        )
        return header

    names = {}
    for column in source.columns:
        for written in (column.name, *column.aliases):
            names.setdefault(name_key(written), column.name)
    known = {column.name for column in source.columns}
    form = FORMS[source.kind](ctx.program, ctx.actor) if source.kind in FORMS else None
    labels: dict[str, tuple[str, set[str]]] = {}
    if form is not None:
        for name, by_language in form.labels_of_questions().items():
            if name not in known:
                continue
            for code, text in by_language.items():
                label = normalise.key(text)
                if label and (label not in labels or labels[label][0] == name):
                    labels.setdefault(label, (name, set()))[1].add(code)

    language_hits: dict[str, int] = {}
    unknown: list[str] = []
    ids: dict[str, int] = {}
    for index, written in enumerate(cells):
        if not written:
            continue
        lowered_cell = written.casefold()
        last = _NAME_SEPARATORS.split(lowered_cell)[-1]
        meta = lowered_cell in FORM_META or last in FORM_META or lowered_cell.startswith("_")
        if header.tool:
            meta = meta or lowered_cell in KOBO_META | CENTRAL_META
        if meta and header.tool:
            header.set_aside.append(written)
            ids.setdefault(lowered_cell, index)
            continue
        name, languages = _match(written, names, labels)
        if name is None:
            if meta:
                header.set_aside.append(written)
                ids.setdefault(lowered_cell, index)
                continue
            unknown.append(written)
            continue
        for code in languages:
            language_hits[code] = language_hits.get(code, 0) + 1
        if name in header.positions:
            ctx.error(
                _('the columns "%(first)s" and "%(second)s" both mean %(name)s; keep one')
                % {"first": header.written_as[name], "second": written, "name": name}
            )
        header.positions[name] = index
        header.written_as[name] = written

    if "response_id" in known and "response_id" not in header.positions:
        for candidate in RESPONSE_IDS:
            if candidate in ids:
                header.positions["response_id"] = ids[candidate]
                header.written_as["response_id"] = cells[ids[candidate]]
                break

    if language_hits:
        best = max(language_hits.values())
        top = [code for code, _name in LANGUAGES if language_hits.get(code) == best]
        # A label the same in every language (untranslated) says nothing: prefer the one
        # that only a translation explains.
        code = top[0] if len(top) == 1 or "en" not in top else "en"
        if header.tool == KOBO:
            header.language = dict(LANGUAGES)[code]
    if form is not None:
        for name in header.positions:
            choices = form.choices_of(name)
            if choices:
                table = {}
                for choice in choices:
                    table.setdefault(normalise.key(choice.name), choice.name)
                    for text in choice.label.values():
                        table.setdefault(normalise.key(text), choice.name)
                header._choices[name] = table

    consent_missing = "consent" in known and "consent" not in header.positions
    for written in unknown:
        if consent_missing and _asks_consent(written):
            ctx.error(
                _(
                    'the column "%(column)s" seems to hold consent, but it is not a consent '
                    'column we can read; name it "consent" (answers yes or no) so that no one '
                    "who said no is kept"
                )
                % {"column": written},
                column=written,
            )
        else:
            ctx.warn(
                _('the column "%(column)s" is not one we know; it is ignored') % {"column": written}
            )
    missing = [c.name for c in source.columns if c.required and c.name not in header.positions]
    if missing or len(unknown) > len(header.positions):
        hint = _looks_like(header, unknown, source, cells)
        if hint:
            ctx.error(hint)
    return header


def _match(written: str, names: dict, labels: dict) -> tuple[str | None, set[str]]:
    """The column WRITTEN names (a name, an alias or a label of the form, possibly after
    group names), and the languages of the label it matched."""
    candidates = [written]
    for separator in re.finditer(r"/", written):
        candidates.append(written[separator.end() :])
    for candidate in candidates:
        name = names.get(name_key(candidate))
        if name:
            return name, set()
        found = labels.get(normalise.key(candidate))
        if found:
            return found[0], found[1]
    # ODK Central joins groups with "-": `participant-full_name`.
    for separator in re.finditer(r"-", written):
        candidate = written[separator.end() :]
        if " " not in candidate and (name := names.get(name_key(candidate))):
            return name, set()
    return None, set()


def _asks_consent(written: str) -> bool:
    lowered = normalise.key(written)
    return any(normalise.key(word) in lowered for word in CONSENT_WORDS)


def _looks_like(header: Header, unknown, source, cells) -> str:
    """What a file whose required columns are missing looks like, and what to do."""
    from . import sources

    for kind, other in sources.SOURCES.items():
        if kind == source.kind:
            continue
        other_names = {}
        for column in other.columns:
            for written in (column.name, *column.aliases):
                other_names.setdefault(name_key(written), column.name)
        found = {_match(cell, other_names, {})[0] for cell in cells if cell} - {None}
        required = {c.name for c in other.columns if c.required}
        if required and required <= found and len(found) > len(header.positions):
            return _(
                "this looks like a sheet of %(other)s, not of %(this)s; import it as "
                "%(kind)s (ctip import %(kind)s, or choose “%(other)s” on the Imports page)"
            ) % {"other": other.label, "this": source.label, "kind": kind}
    if not header.tool:
        return ""
    worded = [cell for cell in unknown if " " in cell or not cell.isascii()]
    tool = header.tool
    if worded and len(worded) * 2 >= len(unknown):
        language = _language_of(worded)
        ours = {name for _code, name in _languages()}
        if language and language in ours:
            return _(
                "this looks like a %(tool)s export with labels in %(language)s that are not "
                "the labels of this program's form (another form, or an older version?); "
                "export again with “XML values and headers”"
            ) % {"tool": tool, "language": language}
        if language:
            return _(
                "this looks like a %(tool)s export with labels in %(language)s, which the form "
                "does not carry; export again with “XML values and headers”"
            ) % {"tool": tool, "language": language}
        return _(
            "this looks like a %(tool)s export with labels this form does not carry; export "
            "again with “XML values and headers”"
        ) % {"tool": tool}
    return _(
        "this looks like a %(tool)s export of another form: its questions are not this "
        "form's; collect with the form `ctip import xlsform --form %(kind)s` writes, or rename "
        "the columns (%(columns)s)"
    ) % {
        "tool": tool,
        "kind": source.kind,
        "columns": ", ".join(c.name for c in source.columns if c.required),
    }


def _languages():
    from .xlsforms import LANGUAGES

    return LANGUAGES


def _language_of(labels: list[str]) -> str:
    """The language a few labels are most likely written in; blank when unsure."""
    scripts: dict[str, int] = {}
    for label in labels:
        for letter in label:
            point = ord(letter)
            for first, last, language in _SCRIPTS:
                if first <= point <= last:
                    scripts[language] = scripts.get(language, 0) + 1
    if scripts:
        return max(scripts, key=scripts.get)
    words = {word for label in labels for word in re.findall(r"\w+", label.casefold()) if word}
    hits = {language: len(words & vocabulary) for language, vocabulary in _WORDS.items()}
    best = max(hits.values())
    if best == 0:
        return ""
    if any(unicodedata.name(ch, "").endswith("HORN") for label in labels for ch in label):
        return "Vietnamese"
    winners = [language for language, count in hits.items() if count == best]
    return winners[0] if len(winners) == 1 else ""
