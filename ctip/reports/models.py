"""The participation cube: participants (attendances, staff excluded) counted per event and
per kind of participant, kept up to date by ctip.reports.participation. Derived data only:
it can always be rebuilt from events and attendances (`ctip init --rebuild-aggregates`)."""

from django.db import models


class ParticipantCell(models.Model):
    """One combination of what reports count participants by: the person's sex and country of
    origin, and the type of the organisation they represented at the event. Raw values, so
    that report rules (which countries are ASEAN members, which types are state) are applied
    when a report is made, never frozen here."""

    sex = models.CharField(max_length=13)
    origin = models.CharField(max_length=8, blank=True)  # country code; "" when unknown
    organisation_type = models.CharField(max_length=30, blank=True)  # "" when none recorded
    is_opd = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sex", "origin", "organisation_type", "is_opd"],
                name="one_participant_cell_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.sex}/{self.origin or '?'}/{self.organisation_type or '-'}"


class Participation(models.Model):
    """How many participants of one kind (a cell) an event had. The event's own attributes
    that reports filter and group by are copied here, so a report reads this table alone."""

    # Plain references without database constraints: rows are derived and are deleted by
    # refresh_participation() after their event, never by a cascade.
    event = models.ForeignKey(
        "events.Event", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    start_date = models.DateField()
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    project = models.ForeignKey(
        "programs.Project",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
    )
    event_type = models.CharField(max_length=12)
    cell = models.ForeignKey(
        ParticipantCell, on_delete=models.PROTECT, db_index=False, related_name="+"
    )
    participants = models.PositiveIntegerField()

    class Meta:
        indexes = [
            # Every column a report reads, cell first after the program: SQLite answers a
            # report from this index alone and in cell order, so GROUP BY cell needs no sort.
            models.Index(
                fields=[
                    "program",
                    "cell",
                    "event_type",
                    "country",
                    "start_date",
                    "project",
                    "participants",
                ],
                name="participation_by_cell",
            ),
            # The same for one country's events (the fact sheet, --country): fewer entries.
            models.Index(
                fields=[
                    "program",
                    "country",
                    "cell",
                    "event_type",
                    "start_date",
                    "project",
                    "participants",
                ],
                name="participation_by_place",
            ),
        ]

    def __str__(self) -> str:
        return f"event {self.event_id}: {self.participants} × {self.cell_id}"
