from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """Who runs a forum: MOPAC itself, or the external partner that runs the Disabled
    and LGBTQ+ forums (whose staff see those forums only)."""

    class Kind(models.TextChoices):
        MOPAC = "MOPAC", _("MOPAC")
        EXTERNAL_PARTNER = "EXTERNAL_PARTNER", _("External partner")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ForumQuerySet(models.QuerySet):
    def recruiting(self):
        return self.filter(is_recruiting=True)


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

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name
