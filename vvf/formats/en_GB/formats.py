"""The service's one date and time style (FORMAT_MODULE_PATH), for British English: the
admin's own lists and fields, the `date` and `time` filters without a format, and what
the admin's date boxes show and accept.

Dates read "1 December 2026", times "6:30 p.m." (Django's "P": "midnight" and "noon"
too), both together "1 December 2026, 6:30 p.m.". A date typed in one box is written as
it is shown and hinted: 2026-12-01 (vvf.forms.PlainDateField), never 01/12/2026, which
half the world reads as the twelfth of January.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "P"
DATETIME_FORMAT = "j F Y, P"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, P"
FIRST_DAY_OF_WEEK = 1  # Monday

# The first of each is how a value already filled in is shown.
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
