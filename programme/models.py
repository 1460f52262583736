"""The programme's reference data: the organisations that run forums, and the forums:
who runs each, who works with it, whether it is open for applications, and its two-year
tenure. Every app above reads these; this app reads none of them."""

import functools

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from vvf.dates import years_after

# Each forum runs for two years from its launch.
TENURE_YEARS = 2
# The pilot forum: its members came before the online application, which it does not take.
PILOT_SLUG = "pilot"


class Organisation(models.Model):
    """Who runs a forum: MOPAC itself, or the external partner that runs the Disabled
    and LGBTQ+ forums (whose staff see those forums only)."""

    class Kind(models.TextChoices):
        MOPAC = "MOPAC", _("MOPAC")
        EXTERNAL_PARTNER = "EXTERNAL_PARTNER", _("External partner")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organisations",
        verbose_name=_("staff of this organisation"),
        help_text=_("External partner staff see the forums their organisation runs."),
    )

    class Meta:
        ordering = ["name"]
        # Moved from the forums app (issue 18) with its table, which kept its name.
        db_table = "forums_organisation"

    def __str__(self):
        return self.name


class ForumQuerySet(models.QuerySet):
    def recruiting(self):
        return self.filter(is_recruiting=True)


def recruiting_ids():
    """The ids of the forums open for applications.

    Every page of the online application checks the applicant's chosen forums against
    these, so the query is built from `recruiting()` once a process and then only run:
    building it took twice as long as running it."""
    sql, params = _recruiting_ids_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {pk for (pk,) in cursor.fetchall()}


@functools.cache
def _recruiting_ids_query():
    return Forum.objects.recruiting().order_by().values_list("pk").query.sql_with_params()


class Forum(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    run_by = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="forums", verbose_name=_("run by")
    )
    is_recruiting = models.BooleanField(
        _("open for applications"),
        default=True,
        help_text=_("The pilot forum is not open for applications."),
    )
    launch_date = models.DateField(_("launch date"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position in lists"), default=0)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_forums",
        verbose_name=_("independent facilitators"),
    )
    mps_representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("MPS representatives"),
    )
    mopac_representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("MOPAC representatives"),
    )

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        permissions = [("work_with_forum", "Work with this forum's members and meetings")]
        # Moved from the forums app (issue 18) with its table, which kept its name.
        db_table = "forums_forum"

    def __str__(self):
        return self.name

    @property
    def tenure_ends_on(self):
        """Two years from the launch; None before a launch date is set."""
        return years_after(self.launch_date, TENURE_YEARS) if self.launch_date else None
