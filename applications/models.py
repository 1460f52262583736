import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import choices

# No 0/O, 1/I/L or U: a reference read out over the phone cannot be misheard.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference():
    """An unguessable reference such as VVF-7K3P-9QXM (about 39 bits of randomness)."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"VVF-{chars[:4]}-{chars[4:]}"


def new_access_key():
    return secrets.token_urlsafe(24)


class Status(models.TextChoices):
    SUBMITTED = "SUBMITTED", _("Submitted")
    IN_REVIEW = "IN_REVIEW", _("In review")
    ONBOARDING = "ONBOARDING", _("Onboarding conversation")
    PNC_CHECK = "PNC_CHECK", _("PNC check")
    PANEL = "PANEL", _("Suitability panel")
    ACCEPTED = "ACCEPTED", _("Accepted")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn by the applicant")
    NOT_RIGHT_TIME = "NOT_RIGHT_TIME", _("Not the right time")
    SIGNPOSTED = "SIGNPOSTED", _("Signposted to support")
    PANEL_WITHDREW = "PANEL_WITHDREW", _("Withdrawn by the panel")
    NOT_SELECTED = "NOT_SELECTED", _("Not selected")


# Every move an application may make; nothing else changes a status. An applicant may
# withdraw at any point before acceptance.
TRANSITIONS = {
    Status.SUBMITTED: {Status.IN_REVIEW, Status.NOT_SELECTED, Status.WITHDRAWN},
    Status.IN_REVIEW: {Status.ONBOARDING, Status.NOT_SELECTED, Status.WITHDRAWN},
    Status.ONBOARDING: {
        Status.PNC_CHECK,
        Status.NOT_RIGHT_TIME,
        Status.SIGNPOSTED,
        Status.NOT_SELECTED,
        Status.WITHDRAWN,
    },
    Status.PNC_CHECK: {Status.PANEL, Status.ACCEPTED, Status.NOT_SELECTED, Status.WITHDRAWN},
    Status.PANEL: {Status.ACCEPTED, Status.PANEL_WITHDREW, Status.WITHDRAWN},
    Status.ACCEPTED: set(),
    Status.WITHDRAWN: set(),
    Status.NOT_RIGHT_TIME: set(),
    Status.SIGNPOSTED: set(),
    Status.PANEL_WITHDREW: set(),
    Status.NOT_SELECTED: set(),
}
# Moves only vetting makes: recording the PNC result or the panel's decision. Staff
# cannot make them by hand.
VETTING_MOVES = {
    (Status.PNC_CHECK, Status.PANEL),
    (Status.PNC_CHECK, Status.ACCEPTED),
    (Status.PANEL, Status.ACCEPTED),
    (Status.PANEL, Status.PANEL_WITHDREW),
}
UNSUCCESSFUL = {
    Status.WITHDRAWN,
    Status.NOT_RIGHT_TIME,
    Status.SIGNPOSTED,
    Status.PANEL_WITHDREW,
    Status.NOT_SELECTED,
}


# What staff have to do with applications: each rule is a condition (a Q) so that the
# programme home counts with the same words the admin's list filters with.


def waiting_for_review():
    """Submitted, and nobody has started reviewing them yet."""
    return models.Q(status=Status.SUBMITTED)


def onboarding_to_hold():
    """At the onboarding stage, the conversation not yet recorded."""
    return models.Q(status=Status.ONBOARDING, onboarding__isnull=True)


def forum_to_choose():
    """Accepted, and not yet a member: they chose several forums and staff choose one
    (with one forum chosen the membership follows at once, forums.services.memberships)."""
    return models.Q(status=Status.ACCEPTED, membership__isnull=True)


class ApplicationQuerySet(models.QuerySet):
    def waiting_for_review(self):
        return self.filter(waiting_for_review())

    def onboarding_to_hold(self):
        return self.filter(onboarding_to_hold())

    def forum_to_choose(self):
        return self.filter(forum_to_choose())


class Application(models.Model):
    Status = Status

    reference = models.CharField(
        _("reference"), max_length=13, unique=True, default=new_reference, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    # Set from the applicant's session, so a refresh or double click cannot submit twice.
    # Null once submitted by staff or imported: unique only where set.
    submission_key = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    # Signs the private status link; replacing it revokes every link sent so far.
    access_key = models.CharField(max_length=64, default=new_access_key, editable=False)

    forums = models.ManyToManyField("programme.Forum", related_name="applications")
    # The language the applicant applied in (settings.LANGUAGES: English, Easy Read or a
    # translation): the emails about the application are written in it.
    language = models.CharField(
        _("language applied in"), max_length=20, default=settings.LANGUAGE_CODE
    )

    # Eligibility. The date of birth is kept because under-18s need safeguarding.
    date_of_birth = models.DateField(_("date of birth"), null=True)
    london_connection = models.JSONField(_("connection to London"), default=list)

    # About you
    full_name = models.CharField(_("full name"), max_length=200)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    email = models.EmailField(_("email address"), max_length=254)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    borough = models.CharField(
        _("London borough"), max_length=30, choices=choices.Borough.choices, blank=True
    )
    contact_method = models.CharField(
        _("preferred way to be contacted"),
        max_length=10,
        choices=choices.ContactMethod.choices,
        default=choices.ContactMethod.EMAIL,
    )
    safe_to_leave_messages = models.BooleanField(_("safe to leave messages"), default=False)
    contact_times = models.CharField(_("when to contact"), max_length=300, blank=True)
    access_needs = models.JSONField(_("access needs"), default=list, blank=True)
    access_needs_other = models.CharField(_("other access needs"), max_length=500, blank=True)

    # Motivation
    why_join = models.TextField(_("why they want to join"), max_length=1500)
    interested_in_accountability = models.BooleanField(
        _("interested in holding the police to account"), default=False
    )

    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    # When the application ended (withdrawn, not the right time, ...): the retention
    # clock for unsuccessful applications starts here.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        # The staff list: filtered by status, newest first (the admin adds the id to
        # the order, so that pages never overlap).
        indexes = [
            models.Index(fields=["status", "submitted_at", "id"]),
            # The programme home's applications received each week.
            models.Index(fields=["submitted_at"], name="application_submitted_idx"),
            # The retention rule for unsuccessful applications (status and closed_at),
            # with the id its count checks against the holds: the programme home's
            # deletions due read this index alone, not the table.
            models.Index(fields=["status", "closed_at", "id"], name="application_closed_idx"),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.status not in UNSUCCESSFUL and self.status != Status.ACCEPTED

    def get_stage_display_without_vetting(self):
        """The stage as people outside vetting may see it: a panel would reveal that the
        PNC check disclosed something, so it reads as the PNC check."""
        masked = {
            Status.PANEL: Status.PNC_CHECK.label,
            Status.PANEL_WITHDREW: Status.NOT_SELECTED.label,
        }
        return masked.get(self.status, self.get_status_display())

    def get_london_connection_display(self):
        return ", ".join(str(choices.LondonConnection(c).label) for c in self.london_connection)

    def get_access_needs_display(self):
        return ", ".join(str(choices.AccessNeed(need).label) for need in self.access_needs)

    def allowed_moves(self):
        """The moves staff may make by hand."""
        status = Status(self.status)
        moves = {to for to in TRANSITIONS[status] if (status, to) not in VETTING_MOVES}
        return sorted(moves, key=list(Status).index)


class ApplicationEvent(models.Model):
    """A status change: who, when, from what, to what and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    by_applicant = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} -> {self.to_status}"


class EqualityMonitoring(models.Model):
    """Optional answers, kept apart from the application so that only VVF staff read them
    and reports use them in aggregate only."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="equality"
    )
    age_band = models.CharField(
        _("age"), max_length=20, choices=choices.AgeBand.choices, blank=True
    )
    ethnic_group = models.CharField(
        _("ethnic group"), max_length=40, choices=choices.EthnicGroup.choices, blank=True
    )
    sex = models.CharField(_("sex"), max_length=20, choices=choices.Sex.choices, blank=True)
    gender_identity = models.CharField(
        _("gender identity"), max_length=20, choices=choices.GenderIdentity.choices, blank=True
    )
    trans_history = models.CharField(
        _("trans or has a trans history"),
        max_length=20,
        choices=choices.YesNoPrefer.choices,
        blank=True,
    )
    sexual_orientation = models.CharField(
        _("sexual orientation"),
        max_length=20,
        choices=choices.SexualOrientation.choices,
        blank=True,
    )
    disability = models.CharField(
        _("disabled (Equality Act 2010)"),
        max_length=20,
        choices=choices.YesNoPrefer.choices,
        blank=True,
    )
    religion = models.CharField(
        _("religion"), max_length=20, choices=choices.Religion.choices, blank=True
    )

    ANSWER_FIELDS = [
        "age_band",
        "ethnic_group",
        "sex",
        "gender_identity",
        "trans_history",
        "sexual_orientation",
        "disability",
        "religion",
    ]

    class Meta:
        verbose_name = _("equality monitoring")
        verbose_name_plural = _("equality monitoring")

    def __str__(self):
        return f"equality {self.application_id}"


class ConsentDocument(models.Model):
    """A wording applicants agree to, in one language. A revision is a new version; old
    ones stay, so what each applicant agreed to can always be read. The English wording
    is the one that counts; a wording in Easy Read or another language `translates` one
    English version, and has versions of its own (a corrected translation is its next
    version). The register (Consent) records the one shown."""

    class Kind(models.TextChoices):
        PNC_CHECK = "PNC_CHECK", _("Police National Computer check")
        PARTNER_SHARING = "PARTNER_SHARING", _("Sharing with the external partner")
        MPS_SHARING = "MPS_SHARING", _("Sharing with the Met for further initiatives")
        TERMS_OF_REFERENCE = "TERMS_OF_REFERENCE", _("Terms of Reference")
        RECORDING = "RECORDING", _("Meeting recording")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=20, default=settings.LANGUAGE_CODE)
    version = models.PositiveIntegerField(_("version"))
    translates = models.ForeignKey(
        "self",
        verbose_name=_("translates"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="translations",
        help_text=_("The English wording this one is a translation of."),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("wording"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["kind", "language", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language", "version"], name="one_version_per_kind_and_language"
            ),
            models.CheckConstraint(
                condition=models.Q(language=settings.LANGUAGE_CODE, translates__isnull=True)
                | (~models.Q(language=settings.LANGUAGE_CODE) & models.Q(translates__isnull=False)),
                name="a_translation_translates_english",
            ),
        ]

    def __str__(self):
        if self.language == settings.LANGUAGE_CODE:
            return f"{self.get_kind_display()} v{self.version}"
        return f"{self.get_kind_display()} v{self.version} ({self.language})"

    @property
    def english(self):
        """The English wording this one is, or translates."""
        return self.translates or self


class Consent(models.Model):
    """The consent register: what each applicant agreed to, in which wording, when.
    Members' answers about recording a meeting are the forums app's
    (forums.RecordingConsent), in a wording kept here."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consents")
    document = models.ForeignKey(ConsentDocument, on_delete=models.PROTECT, related_name="+")
    given = models.BooleanField()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"consent {self.pk}"


def latest_consent(kind, application="pk"):
    """The consent rule, for a query: the latest answer about `kind` of the application
    at OuterRef(`application`): True, False, or None when never asked."""
    answers = Consent.objects.filter(application=models.OuterRef(application), document__kind=kind)
    return models.Subquery(answers.order_by("-recorded_at", "-pk").values("given")[:1])


def agreed_to_current(kind, application="pk"):
    """For a query: the application at OuterRef(`application`) agreed to the newest
    version of the `kind` wording (the Terms of Reference are agreed to again when a new
    version is published)."""
    newest = models.Subquery(
        ConsentDocument.objects.filter(kind=kind, language=settings.LANGUAGE_CODE)
        .order_by("-version")
        .values("pk")[:1]
    )
    return models.Exists(
        Consent.objects.filter(
            models.Q(document=newest) | models.Q(document__translates=newest),
            application=models.OuterRef(application),
            given=True,
        )
    )


class OnboardingConversation(models.Model):
    class Outcome(models.TextChoices):
        PROCEED = "PROCEED", _("Proceed")
        NOT_RIGHT_TIME = "NOT_RIGHT_TIME", _("Not the right time")
        SIGNPOST = "SIGNPOST", _("Signpost to support")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="onboarding"
    )
    held_on = models.DateField(_("date of the conversation"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("wellbeing outcome"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"onboarding {self.application_id}"


class SavedDraft(models.Model):
    """Answers an applicant saved to finish later. Resumed once, through the emailed
    link; deleted when resumed, or after RETENTION["DRAFT_DAYS"] by the daily sweep."""

    # Part of the signed link: a link to a draft that was resumed or replaced is dead.
    nonce = models.CharField(max_length=64, unique=True)
    email = models.EmailField(max_length=254)
    answers = models.JSONField()
    # The language of the page it was saved from: the email and its link are in it.
    language = models.CharField(max_length=20, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"draft {self.pk}"
