"""Victim case data: agencies, their case managers and case workers, cases through the national
referral mechanism's four stages, consent per purpose, referrals between agencies, and the
audit of every read (docs/cases.md).

Everything here lives in the cases database (ctip/cases/router.py). Accounts and the
organisation registry live in the main database, so they are referred to by id (user_id,
organisation_id), never by a foreign key: no query joins case data to anything else.

Field names follow IOM's Human Trafficking Case Data Standard 2.0 where it has one; HTCDS
maps each HTCDS field name to its field here, and the value sets below use the standard's
value names (docs/cases.md, "HTCDS 2.0").
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .crypto import EncryptedDateField, EncryptedJSONField, EncryptedTextField

# -- value sets (HTCDS 2.0 value names where the standard has them) ----------------------------


class Gender(models.TextChoices):  # HTCDS prs_Gender
    FEMININE = "Feminine", _("Female")
    MASCULINE = "Masculine", _("Male")
    TRANSGENDER_FEMININE = "TransgenderFeminine", _("Transgender feminine")
    TRANSGENDER_MASCULINE = "TransgenderMasculine", _("Transgender masculine")
    NON_CONFORMING = "NonConforming", _("Non-conforming")
    NOT_SPECIFIED = "NonSpecifiedUnknown", _("Not specified / unknown")


class TypeOfExploitation(models.TextChoices):  # HTCDS vic_TypeOfExploitation
    FORCED_LABOUR = "ForcedLabour", _("Forced labour")
    SEXUAL_EXPLOITATION = "SexualExploitation", _("Sexual exploitation")
    CHILD_LABOUR = "ChildLabour", _("Child labour")
    FORCED_MARRIAGE = "ForcedMarriage", _("Forced marriage")
    SERVITUDE = "Servitude", _("Servitude")
    FORCED_MILITARY = "ForcedMilitaryByNonStateActors", _("Forced military (by non-state actors)")
    ORGAN_REMOVAL = "OrganRemoval", _("Organ removal")
    FORCED_BEGGING = "ForcedBegging", _("Forced begging")
    FORCED_ADOPTION = "ForcedAdoption", _("Forced adoption")
    SURROGACY = "Surrogacy", _("Surrogacy")
    OTHER = "Other", _("Other")


class TypeOfSexExploitation(models.TextChoices):  # HTCDS vic_TypeOfSexExploitation
    PROSTITUTION = "Prostitution", _("Prostitution")
    PORNOGRAPHY = "Pornography", _("Pornography")
    REMOTE_INTERACTIVE = "RemoteInteractiveServices", _("Remote interactive services")
    PRIVATE_SEXUAL = "PrivateSexualServices", _("Private sexual services")


class MethodOfRecruitment(models.TextChoices):  # HTCDS vic_MethodOfRecruitment
    PLACE_OF_BUSINESS = "AtAPlaceOfBusiness", _("At a place of business")
    EDUCATIONAL_INSTITUTION = "AtAnEducationalInstitution", _("At an educational institution")
    AT_WORK = "AtWork", _("At work")
    ONLINE_SOCIAL_NETWORKS = "ThroughOnlineSocialNetworks", _("Through online social networks")
    ONLINE_ADVERTISEMENT = "ThroughAnOnlineAdvertisement", _("Through an online advertisement")
    TELEVISION_ADVERT = "ThroughATelevisionAdvert", _("Through a television advert")
    NEWSPAPER_ADVERT = "ThroughANewspaperAdvert", _("Through a newspaper advert")
    FAMILY = "ThroughFamilyOrFamilyEvents", _("Through family or family events")
    FRIENDS = "ThroughFriendsOrSocialEvents", _("Through friends or social events")
    OTHER = "Other", _("Other")


class MethodOfControl(models.TextChoices):  # HTCDS vic_MethodsOfControl (XLSForm value names)
    PHYSICAL_THREATS = "PhysicalThreats", _("Physical threats")
    THREATS_LAW_ENFORCEMENT = "ThreatsLawEnforcement", _("Threats of law enforcement")
    THREATENS_CHILDREN_FAMILY = "ThreatensChildrenFamily", _("Threatens children or family")
    DEBT_BONDAGE = "DebtBondage", _("Debt bondage")
    FALSE_PROMISES = "FalsePromises", _("False promises")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("Physical abuse")
    SEXUAL_ABUSE = "SexualAbuse", _("Sexual abuse")
    TAKES_EARNINGS = "TakesEarnings", _("Takes earnings")
    RESTRICTS_FINANCIAL_ACCESS = "RestrictsFinancialAccess", _("Restricts financial access")
    RESTRICTS_MEDICAL_CARE = "RestrictsMedicalCare", _("Restricts medical care")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Withholds necessities")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("Psychological abuse")
    PSYCHOACTIVE_SUBSTANCE = "PsychoactiveSubstance", _("Psychoactive substances")
    EXCESSIVE_WORKING_HOURS = "ExcessiveWorkingHours", _("Excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Withholds documents")
    OTHER = "Other", _("Other")


class TraffickingStatus(models.TextChoices):  # HTCDS vic_TraffickingStatus
    POSSIBLE = "PossibleVictimOfTrafficking", _("Possible victim of trafficking")
    ACTUAL = "ActualVictimOfTrafficking", _("Actual victim of trafficking")
    NOT_A_VICTIM = "NotAVictimOfTrafficking", _("Not a victim of trafficking")


class DecisionMakingOrg(models.TextChoices):  # HTCDS vic_TraffickingStatusDecisionMakingOrg
    POLICE = "Police", _("Police")
    NGO = "NGO", _("NGO")
    COURT_OR_PROSECUTION = "CourtOrProsecution", _("Court or prosecution")
    NON_POLICE_GOVERNMENT = (
        "NonPoliceGovernmentalOrganization",
        _("Non-police governmental organisation"),
    )
    OTHER = "Other", _("Other")


class CaseStatus(models.TextChoices):  # HTCDS cas_Status
    ACTIVE = "Active", _("Active")
    FOLLOW_UP = "FollowUp", _("Follow up")
    CLOSED = "Closed", _("Closed")
    CLOSED_REFERRED = "ClosedReferred", _("Closed, referred")


class TypeOfTrafficking(models.TextChoices):  # court-case indicator; not in HTCDS
    DOMESTIC = "domestic", _("Domestic")
    TRANSNATIONAL = "transnational", _("Transnational")
    UNKNOWN = "unknown", _("Unknown")


class VulnerableGroup(models.TextChoices):  # court-case indicator; not in HTCDS
    CHILD = "child", _("Child")
    WOMAN = "woman", _("Woman")
    PERSON_WITH_DISABILITY = "person-with-disability", _("Person with disability")
    ETHNIC_MINORITY = "ethnic-minority", _("Ethnic minority")
    MIGRANT = "migrant", _("Migrant worker")
    STATELESS = "stateless", _("Stateless person")
    OTHER = "other", _("Other")


class Support(models.TextChoices):  # court-case indicator "support received"; not in HTCDS
    SHELTER = "shelter", _("Shelter")
    MEDICAL = "medical", _("Medical care")
    PSYCHOSOCIAL = "psychosocial", _("Therapy and psychosocial support")
    LEGAL = "legal", _("Legal assistance")
    REINTEGRATION = "reintegration", _("Reintegration")
    FINANCIAL = "financial", _("Financial support")
    RETURN = "return", _("Safe return")
    OTHER = "other", _("Other")


class Stage(models.TextChoices):
    """The national referral mechanism, in order."""

    FRONTLINE_RESPONSE = "frontline-response", _("Frontline response")
    SCREENING = "screening", _("Screening")
    IDENTIFICATION = "identification", _("Identification")
    PROTECTION = "protection", _("Protection")


STAGE_ORDER = [stage.value for stage in Stage]


class StageOutcome(models.TextChoices):
    PROCEED = "proceed", _("Proceeds to the next stage")
    IDENTIFIED = "identified", _("Identified as a victim of trafficking")
    NOT_TRAFFICKED = "not-trafficked", _("Not a victim of trafficking")
    REFERRED = "referred", _("Referred to another agency")
    DECLINED = "declined", _("The person declined")
    PENDING = "pending", _("Pending")
    COMPLETED = "completed", _("Completed")


class Difficulty(models.TextChoices):
    """The four answers of each Washington Group Short Set question."""

    NONE = "1", _("No difficulty")
    SOME = "2", _("Some difficulty")
    A_LOT = "3", _("A lot of difficulty")
    CANNOT = "4", _("Cannot do at all")


# The six domains of the Washington Group Short Set, in the questionnaire's order.
WGSS_QUESTIONS = {
    "wgss_seeing": _("Do you have difficulty seeing, even if wearing glasses?"),
    "wgss_hearing": _("Do you have difficulty hearing, even if using a hearing aid?"),
    "wgss_walking": _("Do you have difficulty walking or climbing steps?"),
    "wgss_cognition": _("Do you have difficulty remembering or concentrating?"),
    "wgss_self_care": _(
        "Do you have difficulty (with self-care such as) washing all over or dressing?"
    ),
    "wgss_communication": _(
        "Using your usual language, do you have difficulty communicating, for example "
        "understanding or being understood?"
    ),
}
# The standard cut-off (WG-SS "disability 3"): at least one domain "a lot of difficulty" or
# "cannot do at all".
WGSS_CUTOFF = (Difficulty.A_LOT, Difficulty.CANNOT)


def wgss_disability(answers: dict[str, str]) -> bool | None:
    """The WG-SS disability flag: True at the cut-off, False when all six domains were answered
    below it, None when the questions were not (all) answered."""
    given = [answers.get(name) or "" for name in WGSS_QUESTIONS]
    if any(answer in WGSS_CUTOFF for answer in given):
        return True
    if all(given):
        return False
    return None


class ConsentPurpose(models.TextChoices):
    ASSISTANCE = "assistance", _("Assistance")
    REFERRAL = "referral", _("Referral to a named agency")
    STATISTICS = "statistics", _("Anonymous statistics")


class AgencyRole(models.TextChoices):
    CASE_MANAGER = "case_manager", _("Case manager")
    CASE_WORKER = "case_worker", _("Case worker")


# -- agencies and their staff --------------------------------------------------------------------


class Agency(models.Model):
    """A case-holding agency: a department, a shelter, a court. It is also an organisation of
    the registry (organisation_id, in the main database)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    organisation_id = models.BigIntegerField(_("organisation in the registry"), null=True)
    country_code = models.CharField(_("country"), max_length=2, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class AgencyMembership(models.Model):
    """An account's role in one agency. user_id is the account's id in the main database."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    user_id = models.BigIntegerField()
    username = models.CharField(max_length=150)  # for display: no join reaches accounts
    role = models.CharField(_("role"), max_length=20, choices=AgencyRole.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agency", "username"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "user_id"], name="one_role_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.username} ({self.get_role_display()}, {self.agency.code})"

    @property
    def is_case_manager(self) -> bool:
        return self.role == AgencyRole.CASE_MANAGER


# -- cases ---------------------------------------------------------------------------------------

# The fields that identify a person: encrypted, shown only to who may see the case, removed by
# `ctip cases forget` and retention. HTCDS names in the comments.
IDENTIFYING_FIELDS = [
    "salutation",  # prs_Salutation
    "first_name",  # prs_FirstName
    "second_name",  # prs_SecondName
    "birth_date",  # prs_Birthdate
    "title",  # prs_Title
    "email",  # prs_Email
    "home_phone",  # prs_HomePhone
    "mobile_phone",  # prs_MobilePhone
    "mailing_street",  # prs_MailingStreet
    "mailing_city",  # prs_MailingCity
    "mailing_state",  # prs_MailingState
    "mailing_postal_code",  # prs_MailingPostalCode
    "mailing_country",  # prs_MailingCountry
    "identity_documents",
    "notes",
]


class Case(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(_("case reference"), max_length=60)
    assigned_workers = models.ManyToManyField(
        AgencyMembership, blank=True, related_name="assigned_cases", verbose_name=_("case workers")
    )
    case_owner = models.CharField(_("case owner"), max_length=150, blank=True)  # cas_CaseOwner

    # Who the person is: encrypted (crypto.py).
    salutation = EncryptedTextField(_("salutation"), blank=True)
    first_name = EncryptedTextField(_("first name"), blank=True)
    second_name = EncryptedTextField(_("second name"), blank=True)
    birth_date = EncryptedDateField(_("birth date"), blank=True, null=True)
    title = EncryptedTextField(_("title"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    home_phone = EncryptedTextField(_("home phone"), blank=True)
    mobile_phone = EncryptedTextField(_("mobile phone"), blank=True)
    mailing_street = EncryptedTextField(_("mailing street"), blank=True)
    mailing_city = EncryptedTextField(_("mailing city"), blank=True)
    mailing_state = EncryptedTextField(_("mailing state or province"), blank=True)
    mailing_postal_code = EncryptedTextField(_("mailing postal code"), blank=True)
    mailing_country = EncryptedTextField(_("mailing country"), blank=True)
    identity_documents = EncryptedTextField(
        _("identity documents"), blank=True, help_text=_("Type and number of each document.")
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    # Exact-match search: keyed hashes (crypto.identity_hash), never the names themselves.
    name_hash = models.CharField(max_length=64, blank=True, db_index=True)
    name_birth_hash = models.CharField(max_length=64, blank=True, db_index=True)

    # What is counted (not identifying on its own; published only through disclosure control).
    gender = models.CharField(_("gender"), max_length=30, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    age_at_identification = models.PositiveSmallIntegerField(
        _("age when identified"), null=True, blank=True
    )
    citizenship = models.CharField(
        _("citizenship"), max_length=2, blank=True, help_text=_("ISO 3166 code (TH, MM, VN)")
    )  # prs_Citizenship
    trafficking_status = models.CharField(
        _("trafficking status"), max_length=40, choices=TraffickingStatus.choices, blank=True
    )
    trafficking_status_decision_making_org = models.CharField(
        _("organisation that decided the trafficking status"),
        max_length=40,
        choices=DecisionMakingOrg.choices,
        blank=True,
    )
    # Multi-select HTCDS picklists: lists of value names.
    method_of_recruitment = models.JSONField(_("method of recruitment"), default=list, blank=True)
    location_of_recruitment = models.CharField(
        _("location of recruitment"), max_length=200, blank=True
    )
    methods_of_control = models.JSONField(_("methods of control"), default=list, blank=True)
    type_of_exploitation = models.JSONField(_("form of exploitation"), default=list, blank=True)
    forced_labour_industry = models.JSONField(_("forced labour industry"), default=list, blank=True)
    type_of_sex_exploitation = models.JSONField(
        _("type of sexual exploitation"), default=list, blank=True
    )
    location_of_exploitation = models.CharField(
        _("location of exploitation"), max_length=200, blank=True
    )
    type_of_trafficking = models.CharField(
        _("type of trafficking"), max_length=20, choices=TypeOfTrafficking.choices, blank=True
    )
    vulnerable_groups = models.JSONField(_("vulnerable group"), default=list, blank=True)
    support_received = models.JSONField(_("support received"), default=list, blank=True)

    # Washington Group Short Set: the six answers and the flag derived from them.
    wgss_seeing = models.CharField(max_length=1, choices=Difficulty.choices, blank=True)
    wgss_hearing = models.CharField(max_length=1, choices=Difficulty.choices, blank=True)
    wgss_walking = models.CharField(max_length=1, choices=Difficulty.choices, blank=True)
    wgss_cognition = models.CharField(max_length=1, choices=Difficulty.choices, blank=True)
    wgss_self_care = models.CharField(max_length=1, choices=Difficulty.choices, blank=True)
    wgss_communication = models.CharField(max_length=1, choices=Difficulty.choices, blank=True)
    has_disability = models.BooleanField(_("disability (WG-SS)"), null=True, blank=True)
    # disability as a court's system records it (its victim indicator), not from the WG-SS
    reported_disability = models.BooleanField(_("disability (as recorded)"), null=True, blank=True)

    # The case's course.
    current_stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.FRONTLINE_RESPONSE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.ACTIVE
    )  # cas_Status
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    identified_on = models.DateField(_("identified on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    reason_for_case_closure = models.CharField(
        _("reason for closing"), max_length=300, blank=True
    )  # cas_ReasonForCaseClosure
    # Incoming referral, as HTCDS records it (referrals between agencies here: Referral).
    referring_organisation = models.CharField(
        _("referring organisation"), max_length=300, blank=True
    )
    incoming_referral_date = models.DateField(_("incoming referral date"), null=True, blank=True)
    referring_primary_case_worker = models.CharField(
        _("referring primary case worker"), max_length=150, blank=True
    )
    reason_for_incoming_referral = models.CharField(
        _("reason for incoming referral"), max_length=300, blank=True
    )
    incoming_referral_details = models.TextField(_("incoming referral details"), blank=True)
    referred_organisation = models.CharField(_("referred organisation"), max_length=300, blank=True)
    referred_primary_case_worker = models.CharField(
        _("referred primary case worker"), max_length=150, blank=True
    )
    outgoing_referral_date = models.DateField(_("outgoing referral date"), null=True, blank=True)
    outgoing_referral_details = models.TextField(_("outgoing referral details"), blank=True)
    # the template's column AJ ("Reason for Outgoing Referral"), which has no field name in row 1
    reason_for_outgoing_referral = models.CharField(
        _("reason for outgoing referral"), max_length=300, blank=True
    )

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    forgotten_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agency", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "reference"], name="unique_case_reference"),
        ]

    def __str__(self) -> str:
        return f"{self.agency.code}/{self.reference}"

    def save(self, *args, **kwargs):
        from .crypto import identity_hash

        self.birth_date = self._meta.get_field("birth_date").to_python(self.birth_date)
        self.has_disability = wgss_disability(self.wgss_answers)
        self.name_hash = identity_hash(self.full_name)
        self.name_birth_hash = (
            identity_hash(self.full_name, self.birth_date) if self.birth_date else ""
        )
        if self.birth_date and not self.birth_year:
            self.birth_year = self.birth_date.year
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.second_name) if part)

    @property
    def wgss_answers(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in WGSS_QUESTIONS}

    @property
    def stage_index(self) -> int:
        return STAGE_ORDER.index(self.current_stage)

    @property
    def next_stage(self) -> str | None:
        index = self.stage_index + 1
        return STAGE_ORDER[index] if index < len(STAGE_ORDER) else None


class StageRecord(models.Model):
    """A decision at one stage of the national referral mechanism."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    date = models.DateField(_("date"))
    deciding_organisation = models.CharField(_("deciding organisation"), max_length=300)
    deciding_organisation_type = models.CharField(
        _("type of deciding organisation"),
        max_length=40,
        choices=DecisionMakingOrg.choices,
        blank=True,
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=StageOutcome.choices)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by_id = models.BigIntegerField(null=True)
    recorded_by = models.CharField(max_length=150, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "date", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.stage} {self.date}: {self.outcome}"


class Consent(models.Model):
    """The person's consent for one purpose (for a referral: to one named agency). Refused is
    recorded as given=False; withdrawing sets withdrawn_on."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    to_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to agency"),
    )
    given = models.BooleanField(_("consent given"))
    fields = models.JSONField(
        _("fields the person agreed to share"),
        default=list,
        blank=True,
        help_text=_("For a referral: the case fields that may go to the agency."),
    )
    recorded_on = models.DateField(_("date"), default=timezone.localdate)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by_id = models.BigIntegerField(null=True)
    recorded_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["case", "purpose", "recorded_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.purpose}: {'given' if self.in_force else 'not given'}"

    @property
    def in_force(self) -> bool:
        return self.given and self.withdrawn_on is None


class Referral(models.Model):
    """A case sent from one agency to another with the fields the sender chose (only consented
    ones); the receiver accepts or declines and both see the state."""

    class State(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals_sent")
    from_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    to_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="referrals_received"
    )
    fields = models.JSONField(_("fields sent"), default=list)
    payload = EncryptedJSONField(blank=True)  # the chosen fields' values when sent
    reason = models.CharField(_("reason for referral"), max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SENT)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by_id = models.BigIntegerField(null=True)
    sent_by = models.CharField(max_length=150, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by_id = models.BigIntegerField(null=True)
    answered_by = models.CharField(max_length=150, blank=True)
    answer_note = models.CharField(_("note"), max_length=300, blank=True)
    received_case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals_received"
    )

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case} → {self.to_agency.code} ({self.state})"


# -- audit ---------------------------------------------------------------------------------------


class CaseReadLog(models.Model):
    """Who was shown which fields of which case, when (web or CLI). Kept when the case is
    forgotten or removed (case becomes null; the reference stays)."""

    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, related_name="reads", db_constraint=True
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    case_reference = models.CharField(max_length=60)
    user_id = models.BigIntegerField(null=True)
    username = models.CharField(max_length=150)
    fields = models.JSONField(default=list)
    via = models.CharField(max_length=10, default="web")
    break_glass = models.ForeignKey(
        "BreakGlass", on_delete=models.SET_NULL, null=True, blank=True, related_name="reads"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.username} read {self.case_reference} at {self.at:%Y-%m-%d %H:%M}"


class CaseChange(models.Model):
    """Every change to case data, in the cases database: who, when, what, which fields (names
    only, never values)."""

    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, related_name="changes")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, related_name="+")
    case_reference = models.CharField(max_length=60, blank=True)
    user_id = models.BigIntegerField(null=True)
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=40)
    fields = models.JSONField(default=list)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.username} {self.action} {self.case_reference} at {self.at:%Y-%m-%d %H:%M}"


class BreakGlass(models.Model):
    """Emergency access to one case by someone who is not its case worker or case manager:
    with a reason, for a limited time, listed for review."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glass_grants")
    user_id = models.BigIntegerField(null=True)
    username = models.CharField(max_length=150)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by_id = models.BigIntegerField(null=True)
    reviewed_by = models.CharField(max_length=150, blank=True)
    review_note = models.CharField(_("review note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "break-glass grants"

    def __str__(self) -> str:
        return f"{self.username} → {self.case} until {self.expires_at:%Y-%m-%d %H:%M}"

    def is_active(self, now=None) -> bool:
        return (now or timezone.now()) < self.expires_at


# HTCDS 2.0 field name → field of Case (the template's columns; docs/cases.md).
HTCDS_FIELDS = {
    "cas_CaseOwner": "case_owner",
    "prs_Salutation": "salutation",
    "prs_FirstName": "first_name",
    "prs_SecondName": "second_name",
    "con_Consent": None,  # Consent (purpose assistance), not a case field
    "prs_Birthdate": "birth_date",
    "prs_Gender": "gender",
    "prs_Citizenship": "citizenship",
    "prs_Title": "title",
    "prs_Email": "email",
    "prs_HomePhone": "home_phone",
    "prs_MobilePhone": "mobile_phone",
    "prs_MailingCity": "mailing_city",
    "prs_MailingCountry": "mailing_country",
    "prs_MailingState": "mailing_state",
    "prs_MailingStreet": "mailing_street",
    "prs_MailingPostalCode": "mailing_postal_code",
    "vic_TraffickingStatus": "trafficking_status",
    # the template spells it without the g; the XLSForm with it
    "vic_TraffickinStatusDecisionMakingOrg": "trafficking_status_decision_making_org",
    "vic_TraffickingStatusDecisionMakingOrg": "trafficking_status_decision_making_org",
    "vic_MethodOfRecruitment": "method_of_recruitment",
    "vic_LocationOfRecruitment": "location_of_recruitment",
    "vic_MethodsOfControl": "methods_of_control",
    "vic_TypeOfExploitation": "type_of_exploitation",
    "vic_ForcedLabourIndustry": "forced_labour_industry",
    "vic_TypeOfSexExploitation": "type_of_sex_exploitation",
    "vic_LocationOfExploitation": "location_of_exploitation",
    "cas_Status": "status",
    "cas_ReferringOrganisation": "referring_organisation",
    "cas_IncomingReferralDate": "incoming_referral_date",
    "cas_ReferringPrimaryCaseWorker": "referring_primary_case_worker",
    "cas_ReasonForIncomingReferral": "reason_for_incoming_referral",
    "cas_IncomingReferralDetails": "incoming_referral_details",
    "cas_ReferredOrganisation": "referred_organisation",
    "cas_ReferredPrimaryCaseWorker": "referred_primary_case_worker",
    "cas_OutgoingReferralDate": "outgoing_referral_date",
    "cas_OutgoingReferralDetails": "outgoing_referral_details",
    "cas_ReasonForOutgoingReferral": "reason_for_outgoing_referral",
    "cas_ReasonForCaseClosure": "reason_for_case_closure",
}


# Court cases and statistics releases (docs/cases-exchange.md).
from .court import CourtCase, StatisticsRelease  # noqa: E402, F401
