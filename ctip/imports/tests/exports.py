"""Exports written the way KoboToolbox and ODK Central write them, from the project's own
XLSForm file (read back with openpyxl, as the tools read it).

The shapes follow formpack (KoboToolbox's export library) and ODK Central's csv export, as
their own tests pin them (docs/imports.md names the versions):
- Kobo: `start`, `end`, the questions (group names joined with `/` when "include groups"
  is chosen; with "Labels" the question labels of the chosen language, groups by their
  labels), then `_id`, `_uuid`, `_submission_time`, `_validation_status`, `_notes`,
  `_status`, `_submitted_by`, `__version__`, `_tags`, `_index`. Its csv uses `;`.
- Central: `SubmissionDate`, the questions (groups joined with `-`), `meta-instanceID`,
  `KEY`, `SubmitterID`, `SubmitterName`, `AttachmentsPresent`, `AttachmentsExpected`,
  `Status`, `ReviewState`, `DeviceID`, `Edits`, `FormVersion`; choice names. The zip holds
  FORMID.csv and one FORMID-REPEAT.csv per repeat group.
A submission is a dict of question name → choice name or text; questions a submission did
not see (relevant was false) are blank, as the tools write them."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook

KOBO_TAIL = [
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
]
CENTRAL_TAIL = [
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
]


@dataclass
class Field:
    name: str
    path: list[str]  # group names
    group_labels: list[dict[str, str]]
    label: dict[str, str]  # language column ("English (en)") → text
    list_name: str


class XLSForm:
    """The questions and choices of an XLSForm file."""

    def __init__(self, content: bytes):
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        survey = list(workbook["survey"].iter_rows(values_only=True))
        head = [str(cell or "") for cell in survey[0]]
        label_columns = {
            index: name.split("::", 1)[1]
            for index, name in enumerate(head)
            if name.startswith("label::")
        }
        self.languages = list(label_columns.values())
        self.fields: list[Field] = []
        groups: list[tuple[str, dict]] = []
        for row in survey[1:]:
            cells = dict(zip(head, row, strict=False))
            kind = str(cells.get("type") or "")
            labels = {lang: str(row[i] or "") for i, lang in label_columns.items()}
            if kind == "begin_group":
                groups.append((cells["name"], labels))
            elif kind == "end_group":
                groups.pop()
            elif kind and cells.get("name"):
                list_name = kind.split(" ", 1)[1] if kind.startswith("select_one ") else ""
                self.fields.append(
                    Field(
                        cells["name"],
                        [name for name, _labels in groups],
                        [labels for _name, labels in groups],
                        labels,
                        list_name,
                    )
                )
        choices = list(workbook["choices"].iter_rows(values_only=True))
        choice_head = [str(cell or "") for cell in choices[0]]
        self.choice_labels: dict[tuple[str, str], dict[str, str]] = {}
        for row in choices[1:]:
            cells = dict(zip(choice_head, row, strict=False))
            self.choice_labels[(cells["list_name"], str(cells["name"]))] = {
                lang: str(cells.get(f"label::{lang}") or "") for lang in self.languages
            }
        settings = list(workbook["settings"].iter_rows(values_only=True))
        self.form_id = dict(zip(settings[0], settings[1], strict=False))["form_id"]


def kobo_export(
    form: XLSForm,
    submissions: list[dict],
    *,
    labels: str | None = None,
    groups: bool = False,
    file_type: str = "xlsx",
) -> bytes:
    """A KoboToolbox export. LABELS: the language column to label headers and answers with
    ("English (en)"), None for "XML values and headers"; GROUPS: include group names."""

    def header_of(field: Field) -> str:
        if labels is None:
            return "/".join([*field.path, field.name]) if groups else field.name
        text = field.label[labels]
        if groups:
            return "/".join([*(group[labels] for group in field.group_labels), text])
        return text

    def answer_of(field: Field, value):
        if value in (None, "") or labels is None or not field.list_name:
            return value
        return form.choice_labels[(field.list_name, value)][labels]

    header = ["start", "end", *(header_of(f) for f in form.fields), *KOBO_TAIL]
    rows = []
    for index, submission in enumerate(submissions, start=1):
        uuid = f"0c0ffee0-0000-4000-8000-{index:012d}"
        rows.append(
            [
                "2024-09-10T08:55:00.000+07:00",
                "2024-09-10T09:00:00.000+07:00",
                *(answer_of(f, submission.get(f.name, "")) for f in form.fields),
                1000 + index,
                uuid,
                "2024-09-10T02:00:00",
                "",
                "",
                "submitted_via_web",
                "",
                "vKobo1",
                "",
                index,
            ]
        )
    if file_type == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = form.form_id[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def central_csv(form: XLSForm, submissions: list[dict]) -> bytes:
    """ODK Central's csv export (groups joined with `-`, choice names)."""
    header = [
        "SubmissionDate",
        *("-".join([*f.path, f.name]) for f in form.fields),
        "meta-instanceID",
        *CENTRAL_TAIL,
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for index, submission in enumerate(submissions, start=1):
        instance = f"uuid:5eed0000-0000-4000-8000-{index:012d}"
        writer.writerow(
            [
                "2024-09-10T02:00:00.000Z",
                *(submission.get(f.name, "") for f in form.fields),
                instance,
                instance,
                "5",
                "Field officer",
                "0",
                "0",
                "",
                "",
                "collect:abc123",
                "0",
                "2",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def central_zip(form: XLSForm, submissions: list[dict], *, main: bool = True) -> bytes:
    """ODK Central's zip: FORMID.csv and a repeat group's FORMID-REPEAT.csv (without the
    main csv when MAIN is false)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if main:
            archive.writestr(f"{form.form_id}.csv", central_csv(form, submissions))
        archive.writestr(
            f"{form.form_id}-sessions.csv",
            "session-topic,PARENT_KEY,KEY\nOpening,uuid:x,uuid:x/sessions[1]\n",
        )
    return buffer.getvalue()
