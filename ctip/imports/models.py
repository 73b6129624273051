from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """One file imported: who, when, what, and enough to undo it.

    `added` lists what the import created, as [[model label, [pks]], ...] in the order it
    was created; `changes` (ImportChange) keep the before-image of every record it changed.
    Rolling back deletes the one (in reverse order) and restores the other."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="imports"
    )
    kind = models.CharField(_("kind"), max_length=40)
    file_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(_("SHA-256 of the file"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Blank when run from the command line as the database holder."),
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    rows_added = models.PositiveIntegerField(_("rows added"), default=0)
    rows_changed = models.PositiveIntegerField(_("rows changed"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)
    rows_left_out = models.PositiveIntegerField(
        _("rows left out"), default=0, help_text=_("Rows without consent: nothing is kept.")
    )
    left_out_by_event = models.JSONField(
        default=dict, blank=True, help_text=_("Rows left out for lack of consent, per event ID.")
    )
    added = models.JSONField(default=list, blank=True)
    rolled_back_at = models.DateTimeField(null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["program", "kind", "checksum"])]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.kind}, {self.file_name})"

    @property
    def audit_cid(self) -> str:
        """The correlation id every audit entry this import wrote carries."""
        return f"import-{self.pk}"

    @property
    def is_rolled_back(self) -> bool:
        return self.rolled_back_at is not None

    def added_pks(self) -> dict[str, list]:
        return {label: pks for label, pks in self.added}


class ImportChange(models.Model):
    """The state of one record before an import changed it."""

    record = models.ForeignKey(ImportRecord, on_delete=models.CASCADE, related_name="changes")
    model = models.CharField(max_length=60)  # "people.person"
    object_pk = models.CharField(max_length=40)
    before = models.JSONField()

    class Meta:
        indexes = [models.Index(fields=["model", "object_pk"])]

    def __str__(self) -> str:
        return f"{self.model} {self.object_pk} before import {self.record_id}"


class PendingUpload(models.Model):
    """A file uploaded on the web and previewed, waiting for its uploader to confirm it.
    Kept in the database so any web server can confirm it; deleted when it is imported, when
    its uploader cancels or previews another file, and once it is older than
    PENDING_UPLOAD_HOURS (ctip.imports.actions.do_sweep_pending_uploads)."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    consent_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"pending {self.kind} upload {self.file_name}"
