"""Calendar arithmetic, in one place: months through dateutil's relativedelta.

A month later is the same day of the month, or that month's last day when it lacks the
day (31 August + 6 months = 28 or 29 February), as the retention rules promise.
"""

from dateutil.relativedelta import relativedelta
from django.utils.translation import ngettext


def months_after(day, months):
    """The same day `months` later; a day the month lacks becomes its last day
    (31 August + 6 months = 28 or 29 February)."""
    return day + relativedelta(months=months)


def years_after(day, years):
    """The same day `years` later; 29 February becomes 28 February."""
    return day + relativedelta(years=years)


def months_earlier(day, months):
    """The same day `months` earlier; a day the month lacks becomes its last day
    (31 August - 6 months = 28 or 29 February)."""
    return day - relativedelta(months=months)


def months_before(day, months):
    """The earliest day whose `months` have passed by `day`: the same day `months`
    earlier, or that month's last day when `day` is the last of its month (every later
    day of the earlier month is due by then too: 28 February - 6 months = 31 August)."""
    if day == last_of_month(day):
        return last_of_month(day - relativedelta(months=months))
    return day - relativedelta(months=months)


def last_of_month(day):
    return day + relativedelta(day=31)


def first_of_month(day):
    return day.replace(day=1)


def following_month(day):
    """The first day of the calendar month after `day`'s."""
    return first_of_month(day) + relativedelta(months=1)


def previous_month(day):
    """The first day of the calendar month before `day`'s."""
    return first_of_month(day) - relativedelta(months=1)


def duration_in_words(amount, unit):
    """'6 months', '1 day', '24 hours': for the wording built from settings.RETENTION."""
    words = {
        "months": ngettext("%(count)d month", "%(count)d months", amount),
        "days": ngettext("%(count)d day", "%(count)d days", amount),
        "hours": ngettext("%(count)d hour", "%(count)d hours", amount),
    }
    return words[unit] % {"count": amount}
