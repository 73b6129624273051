from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    class Type(models.TextChoices):
        TRAINING = "training", _("Training")
        WEBINAR = "webinar", _("Webinar")
        SEMINAR = "seminar", _("Seminar")
        WORKSHOP = "workshop", _("Workshop")
        MEETING = "meeting", _("Meeting")
        CONFERENCE = "conference", _("Conference")
        LAUNCH = "launch", _("Launch")
        OTHER = "other", _("Other")

    class Modality(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    # Table 1 of the annual report groups event types like this.
    CAPACITY_DEVELOPMENT = (Type.TRAINING, Type.WEBINAR, Type.SEMINAR, Type.WORKSHOP)
    CONFERENCES_AND_LAUNCHES = (Type.CONFERENCE, Type.LAUNCH)

    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="events")
    code = models.CharField(_("event ID"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        verbose_name=_("country or region"),
        help_text=_("Where the event took place; ASEAN/regional for regional events."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    modality = models.CharField(_("modality"), max_length=10, choices=Modality.choices)
    event_type = models.CharField(_("type"), max_length=12, choices=Type.choices)
    project = models.ForeignKey("programs.Project", on_delete=models.PROTECT, null=True, blank=True)
    outcomes = models.ManyToManyField(
        "programs.Outcome", blank=True, verbose_name=_("intermediate outcomes")
    )
    lead_partner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_events",
    )
    co_organisers = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="co_organised_events"
    )
    series = models.ForeignKey(
        "events.Series",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    series_number = models.PositiveSmallIntegerField(
        _("number in the series"), null=True, blank=True
    )
    grant = models.ForeignKey(
        "grants.Grant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("held by a grantee under"),
        help_text=_(
            "An event a grantee held: counted in the program's reports only when the program "
            "counts grantees' events."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="unique_event_code"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["series", "series_number"], name="one_event_per_series_number"
            ),
        ]
        indexes = [
            models.Index(fields=["program", "start_date"]),
            # Table 1 reads this index alone, in (country, type) order: no sort (reports.queries)
            models.Index(
                fields=["program", "country", "event_type", "start_date", "project"],
                name="events_by_place_and_type",
            ),
            # The few events grantees held, per program: every report reads them first
            # (uncounted_event_ids) and must not scan the program's events to find them
            models.Index(
                fields=["program"],
                condition=models.Q(grant__isnull=False),
                name="events_held_by_grantees",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def is_capacity_development(self) -> bool:
        return self.event_type in self.CAPACITY_DEVELOPMENT

    @property
    def table1_category(self) -> str:
        if self.is_capacity_development:
            return "capacity_development"
        if self.event_type == self.Type.MEETING:
            return "meetings"
        if self.event_type in self.CONFERENCES_AND_LAUNCHES:
            return "conferences_and_launches"
        return "other"


def uncounted_event_ids(program) -> list[int]:
    """The program's events its reports leave out: those its grantees held (Event.grant),
    unless the program counts them (Program.counts_grantee_events; docs/instruments.md)."""
    if program.counts_grantee_events:
        return []
    # A page's program (ctip.web.programs.current_program) lives for one request and keeps
    # the answer: the dashboard's report queries asked seven times a page.
    kept = getattr(program, "_uncounted_event_ids", None)
    if kept is not None:
        return kept
    # the partial index events_held_by_grantees answers this from the grantees' events alone
    ids = list(
        Event.objects.filter(program=program, grant__isnull=False)
        .order_by()
        .values_list("pk", flat=True)
    )
    if getattr(program, "_for_one_request", False):
        program._uncounted_event_ids = ids
    return ids


class Series(models.Model):
    """Events that belong together and are numbered across years (the program's webinar
    series: the 21st, 22nd and 23rd in FY 2024-25)."""

    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="series")
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["program", "code"]
        verbose_name_plural = _("series")
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="unique_series_code")
        ]

    def __str__(self) -> str:
        return self.title


from auditlog.registry import auditlog  # noqa: E402

auditlog.register(Series)

auditlog.register(Event, m2m_fields={"outcomes", "co_organisers"})
