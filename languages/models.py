"""Which translations are live: a language the team drafts is offered to the public only
once staff record that a professional translator has checked it (decision 22)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TranslationCheck(models.Model):
    """A professional translator's check of one language's translation, as recorded by
    staff. Its existence is what makes the language live; deleting it takes it back to a
    draft."""

    language = models.CharField(_("language"), max_length=20, unique=True)
    checked_by = models.CharField(
        _("checked by"),
        max_length=200,
        help_text=_("The translator or translation agency who checked it."),
    )
    checked_on = models.DateField(_("checked on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["language"]
        verbose_name = _("translation check")

    def __str__(self):
        return str(self.language)
