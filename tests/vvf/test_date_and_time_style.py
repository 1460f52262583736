"""Issue 17, point 8: one date and time style across the service (vvf/formats/en_GB), so
times no longer read "11:15 p.m.." or "11:18p.m."."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats

LONDON = ZoneInfo("Europe/London")
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_dates_and_times_read_in_the_services_one_style():
    evening = datetime.datetime(2026, 12, 1, 23, 15, tzinfo=LONDON)

    assert formats.date_format(evening) == "1 December 2026"
    assert formats.time_format(evening) == "11:15 p.m."
    assert formats.date_format(evening, "DATETIME_FORMAT") == "1 December 2026, 11:15 p.m."
    assert formats.time_format(evening.replace(hour=0, minute=0)) == "midnight"
    assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%Y-%m-%d"


def test_a_meetings_time_in_an_email_reads_as_on_the_pages():
    starts = datetime.datetime(2027, 1, 14, 18, 30, tzinfo=LONDON)

    text = render_to_string(
        "emails/_meeting_when.txt",
        {"starts_at": starts, "ends_at": starts + datetime.timedelta(hours=2)},
    )

    assert text.splitlines()[0] == "When: Thursday 14 January 2027, 6:30 p.m. to 8:30 p.m."


def test_no_template_writes_a_time_in_a_style_of_its_own():
    """Times come from TIME_FORMAT and DATETIME_FORMAT ("P"), never "g:i a", "g:ia" or
    "H:i" written out in a template."""
    own_style = re.compile(r"""(date|time):"[^"]*\b(g:i|G:i|H:i|h:i)[^"]*\"""")

    found = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*")
        if path.is_file() and own_style.search(path.read_text())
    ]

    assert found == []


def test_no_sentence_ends_on_a_time():
    """A time ends in "p.m.": a sentence closing on one read "11:15 p.m..". The time
    comes first in those sentences instead."""
    timed = re.compile(
        r"""\{% blocktranslate with (\w+)=[^%]*(DATETIME_FORMAT|\|time)[^%]*%\}(.*?)"""
        r"""\{% endblocktranslate %\}""",
        re.DOTALL,
    )

    found = []
    for path in TEMPLATES.rglob("*"):
        if path.is_file():
            for name, _format, text in timed.findall(path.read_text()):
                if "{{ " + name + " }}." in text:
                    found.append(str(path.relative_to(TEMPLATES)))

    assert found == []
