"""settings.RETENTION's periods in words, for pages and emails: `{% retention_period
"UNSUCCESSFUL_MONTHS" as period %}` gives "6 months", so no page writes the number again."""

from django import template
from django.conf import settings

from vvf.dates import duration_in_words

register = template.Library()

UNITS = {"_MONTHS": "months", "_DAYS": "days", "_HOURS": "hours"}


@register.simple_tag
def retention_period(name):
    unit = next(unit for suffix, unit in UNITS.items() if name.endswith(suffix))
    return duration_in_words(settings.RETENTION[name], unit)
