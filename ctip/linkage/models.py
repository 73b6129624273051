"""Counting people once. A Person row is a record as entered; a Cluster is one real-world
person; ClusterMember says which cluster a record belongs to and who decided it.

Reviewers' decisions (ReviewDecision) bind every later model run: a pair judged the same is
never split by the model, a pair judged different is never joined. Every merge and split is
a LinkEvent that lists what moved, so it can be undone. Attendance rows never move.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DecidedBy(models.TextChoices):
    MODEL = "model", _("Linkage model")
    REVIEWER = "reviewer", _("Reviewer")


class Cluster(models.Model):
    """One real-world person. Its id is the person ID in exports; it stays stable across
    incremental runs and, where it can, across rebuilds."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"person {self.pk}"


class ClusterMember(models.Model):
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="cluster_member"
    )
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="members")
    match_probability = models.FloatField(
        null=True, blank=True, help_text=_("Of the link that brought this record in.")
    )
    decided_by = models.CharField(max_length=8, choices=DecidedBy.choices)
    decided_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["cluster"])]

    def __str__(self) -> str:
        return f"record {self.person_id} in person {self.cluster_id}"


class ScoredRecords(models.Model):
    """Two records of a program (PERSON_A < PERSON_B) as the linkage model scored them:
    the probability that they are one person, its weight, and the case for and against."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE)
    person_a = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    match_probability = models.FloatField()
    match_weight = models.FloatField()
    evidence = models.JSONField(
        default=list, help_text=_("Per comparison: what was compared, the level, its weight.")
    )

    class Meta:
        abstract = True


class CandidatePair(ScoredRecords):
    """A pair the model was unsure about (or could not merge on its own): the review queue."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        ACCEPTED = "accepted", _("Same person")
        REJECTED = "rejected", _("Different people")
        SETTLED = "settled", _("Settled otherwise")

    held_because = models.CharField(
        max_length=12,
        blank=True,
        choices=[
            ("established", _("it would merge two people already established")),
            ("same-event", _("the two records attended one event")),
            ("disagree", _("the other records of the two mostly say they are different people")),
            ("name-only", _("a common name is all that links them: no email or phone agrees")),
            ("unsure-link", _("linked by the model, which was unsure: say if they are two")),
            ("contacts", _("the two carry different phone numbers or mailboxes at one domain")),
            ("positions", _("no phone or email links them and their positions differ")),
            (
                "agencies",
                _("no phone or email links them and their records name different agencies"),
            ),
            (
                "initials",
                _("no phone or email links them and their names' middle initials differ"),
            ),
        ],
        help_text=_("Why a likely link waits for a reviewer; blank when the model is unsure."),
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-match_probability", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="one_candidate_per_pair"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="candidate_pair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self) -> str:
        return f"records {self.person_a_id} and {self.person_b_id}"


class ScoredPair(ScoredRecords):
    """A pair of records the last linkage run scored (match probability at or above
    engine.SCORE_THRESHOLD), kept so that a reviewer's answer can regroup the two people's
    records at once, as the run would with the answer binding (actions.do_merge_people,
    do_split_people with regroup). Replaced by each run; the model's output, not a change
    anyone made, so not audited (the run's LinkEvent is)."""

    name_only = models.BooleanField(
        default=False, help_text="Nothing but a name carried by several people links them."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="scored_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"records {self.person_a_id} and {self.person_b_id}: {self.match_probability:.2f}"


class LinkEvent(models.Model):
    """A change to who is who: a model run, a reviewer's merge or split, or an undo."""

    class Kind(models.TextChoices):
        LINK_RUN = "link-run", _("Linkage run")
        REBUILD = "rebuild", _("Linkage rebuilt from scratch")
        MERGE = "merge", _("Merge")
        SPLIT = "split", _("Split")
        UNDO = "undo", _("Undo")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    at = models.DateTimeField()
    summary = models.JSONField(default=dict)
    moves = models.JSONField(
        default=list,
        help_text=_("Records moved: person, from cluster, to cluster, who had decided before."),
    )
    undone_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="undoes"
    )

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def can_be_undone(self) -> bool:
        return self.kind in (self.Kind.MERGE, self.Kind.SPLIT) and self.undone_by_id is None


class ReviewDecision(models.Model):
    """A reviewer's word on a pair of records. Binding until withdrawn (by undoing its event)."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE)
    person_a = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    same_person = models.BooleanField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    decided_at = models.DateTimeField()
    link_event = models.ForeignKey(LinkEvent, on_delete=models.PROTECT, related_name="decisions")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    expected_change = models.FloatField(
        null=True,
        blank=True,
        help_text="The model's chance, as the review queue had it, that this decision "
        "would change the people (engine.change_chance); empty for a decision made "
        "elsewhere than the queue.",
    )

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["program", "withdrawn_at"])]

    def __str__(self) -> str:
        verdict = "same" if self.same_person else "different"
        return f"records {self.person_a_id} and {self.person_b_id}: {verdict}"


from auditlog.registry import auditlog  # noqa: E402

auditlog.register(Cluster)
auditlog.register(ClusterMember)
auditlog.register(CandidatePair, exclude_fields=["evidence"])
auditlog.register(LinkEvent)
auditlog.register(ReviewDecision)
