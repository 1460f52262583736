"""A forum's make-up beside London's, so that VVF staff can keep each forum, as far as
possible, proportionate to London (the information sheet's promise).

The forum's side is its current members' equality monitoring answers, counted per topic;
a member who gave no answers, or chose "Prefer not to say", counts in the "Not answered
or prefer not to say" row. London's side is the ONS Census 2021 figures for the London
region shipped in `data/london_census_2021.json`, with their source, release date and
population base (Londoners aged 16 and over where the census has such a figure, as members
are all 16 or over). A topic with no figures in that file is shown without a London column:
only figures that were checked against a published source are shipped. Within a topic, an
answer of ours that the census has no category for (it asked about sex and about trans
history, not "woman" or "man") has a London percent of null and is shown as "No census
equivalent"; census categories that none of our answers match are listed under the table.

Keeping members unidentifiable. Within each topic:

1. A count of 1 to 4 people is hidden, and so is its percentage: the page shows "[c]"
   (confidential). A count of 0 is shown.
2. If exactly one count in a topic is hidden, the smallest other count above 0 is hidden
   too (and any other count of that same size), so that the hidden count cannot be
   worked out by taking the shown counts away from the number of members.
3. A forum with fewer than 5 current members has every count hidden, zeros included:
   its total alone would give the answers away.
4. Every hidden cell looks the same, so a count under 5 cannot be told apart from one
   hidden by rule 2.

Everything here is a pure function of the data it is given, except `forum_composition`,
which reads the members' answers (two queries).
"""

import datetime
import json
import math
from functools import cache
from pathlib import Path

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from applications import choices
from applications.models import EqualityMonitoring

from .models import current_members

DATA_FILE = Path(__file__).resolve().parent / "data" / "london_census_2021.json"
FEWEST_SHOWN = 5
HIDDEN = "[c]"
NOT_ANSWERED = _("Not answered or prefer not to say")
NOT_ANSWERED_KEYS = frozenset({choices.PREFER_NOT_TO_SAY[0], ""})

# The equality monitoring questions, in the order the form asks them.
TOPICS = [
    ("age_band", choices.AgeBand),
    ("ethnic_group", choices.EthnicGroup),
    ("sex", choices.Sex),
    ("gender_identity", choices.GenderIdentity),
    ("trans_history", choices.YesNoPrefer),
    ("sexual_orientation", choices.SexualOrientation),
    ("disability", choices.YesNoPrefer),
    ("religion", choices.Religion),
]

# The chart's geometry, in SVG user units.
CHART_WIDTH = 640
SERIES_LABEL_WIDTH = 70
BAR_SPACE = 470
BAR_HEIGHT = 16
ROW_HEIGHT = 66


@cache
def london_figures():
    """The shipped census figures, read from the data file once per process."""
    with DATA_FILE.open(encoding="utf-8") as data:
        return json.load(data)


def topic_groups(field, options):
    """The rows of one topic, the not-answered row last, each a dict: label, London percent
    (None when there is none), census (the census category it is set beside, None when the
    census has no equivalent), keys (our choice keys) and answer (False for the not-answered
    row); and the topic's source from the data file, or None."""
    source = london_figures()["topics"].get(field)
    if source is None:
        groups = [
            {"label": label, "london": None, "census": None, "keys": {value}, "answer": True}
            for value, label in options.choices
            if value not in NOT_ANSWERED_KEYS
        ]
        not_answered = {"label": NOT_ANSWERED, "london": None, "census": None, "answer": False}
        return [*groups, {**not_answered, "keys": set(NOT_ANSWERED_KEYS)}], None
    groups = [
        {
            "label": row["label"],
            "london": row["percent"],
            "census": row["census"],
            "keys": set(row["choices"]),
            "answer": True,
        }
        for row in source["rows"]
    ]
    not_answered = {
        "label": NOT_ANSWERED,
        "london": source.get("not_answered_percent"),
        "census": source.get("not_answered_census"),
        "keys": set(NOT_ANSWERED_KEYS),
        "answer": False,
    }
    return [*groups, not_answered], source


def london_text(percent):
    """A London percentage as shipped: one decimal place, or two below 1% where the file
    gives two (0.08 is not 0.1; religion's 0.9 stays 0.9)."""
    if percent is None:
        return None
    if 0 < percent < 1 and round(percent, 1) != percent:
        return f"{percent:.2f}"
    return f"{percent:.1f}"


def hidden_positions(counts, total):
    """Which of a topic's counts to hide, by the rule in this module's docstring."""
    if total < FEWEST_SHOWN:
        return set(range(len(counts)))
    hidden = {i for i, count in enumerate(counts) if 0 < count < FEWEST_SHOWN}
    if len(hidden) == 1:
        others = [count for i, count in enumerate(counts) if i not in hidden and count > 0]
        smallest = min(others)  # there is one: the total is at least 5
        hidden |= {i for i, count in enumerate(counts) if count == smallest}
    return hidden


def topic_rows(field, options, answers):
    """One topic's rows for the forum: label, count and percent (None when hidden),
    London percent (None when no figure is shipped)."""
    groups, source = topic_groups(field, options)
    counts = [
        sum(1 for answer in answers if answer.get(field, "") in group["keys"]) for group in groups
    ]
    total = len(answers)
    hidden = hidden_positions(counts, total)
    rows = []
    for i, (group, count) in enumerate(zip(groups, counts, strict=True)):
        shown = i not in hidden
        rows.append(
            {
                "label": group["label"],
                "hidden": not shown,
                "count": count if shown else None,
                "percent": round(100 * count / total, 1) if shown and total else None,
                "london": group["london"],
                "london_text": london_text(group["london"]),
                "census": group["census"],
                "not_answered": not group["answer"],
                # The topic has London figures, but the census has nothing like this answer.
                "no_equivalent": source is not None and group["answer"] and group["census"] is None,
            }
        )
    return rows, source


def london_value(row):
    """What the chart writes beside London's bar."""
    if row["london"] is not None:
        return f"{row['london_text']}%"
    if row["no_equivalent"]:
        return "no census equivalent"
    return "no figure"


def chart(field, rows):
    """Where to draw each row's pair of bars (forum, then London), in whole SVG units.
    Bars are scaled to the topic's largest figure, rounded up to the next 10%."""
    largest = max([row["percent"] or 0 for row in rows] + [row["london"] or 0 for row in rows])
    scale = max(10, math.ceil(largest / 10) * 10)

    def bar(percent):
        if not percent:
            return 0
        return max(1, round(BAR_SPACE * percent / scale))

    drawn = []
    for i, row in enumerate(rows):
        top = i * ROW_HEIGHT
        forum_width = 0 if row["hidden"] else bar(row["percent"])
        london_width = bar(row["london"])
        drawn.append(
            {
                "label": row["label"],
                "label_y": top + 16,
                "forum_y": top + 24,
                "forum_text_y": top + 24 + 13,
                "forum_width": forum_width,
                "forum_value_x": SERIES_LABEL_WIDTH + forum_width + 6,
                "forum_value": HIDDEN if row["hidden"] else f"{row['percent']:.1f}%",
                "london_y": top + 44,
                "london_text_y": top + 44 + 13,
                "london_width": london_width,
                "london_value_x": SERIES_LABEL_WIDTH + london_width + 6,
                "london_value": london_value(row),
            }
        )
    return {
        "pattern_id": f"london-{field.replace('_', '-')}",
        "width": CHART_WIDTH,
        "height": len(rows) * ROW_HEIGHT + 4,
        "bars_x": SERIES_LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "rows": drawn,
    }


def released(source):
    """The day the topic's census table was released, or None when it is not recorded."""
    if source is None or source.get("released") is None:
        return None
    return datetime.date.fromisoformat(source["released"])


def composition(answers):
    """Every topic's rows, chart and source for these members' answers (one dict of
    answers per member; {} for a member who gave none)."""
    topics = []
    for field, options in TOPICS:
        rows, source = topic_rows(field, options, answers)
        topics.append(
            {
                "field": field,
                "title": capfirst(EqualityMonitoring._meta.get_field(field).verbose_name),
                "rows": rows,
                "source": source,
                "released": released(source),
                "census_only": [
                    {**row, "london_text": london_text(row["percent"])}
                    for row in (source or {}).get("census_only", [])
                ],
                "chart": chart(field, rows),
            }
        )
    return {"total": len(answers), "too_few": len(answers) < FEWEST_SHOWN, "topics": topics}


def member_answers(forum, today=None):
    """The equality answers of the forum's current members, one dict each."""
    application_ids = list(current_members(forum, today).values_list("application_id", flat=True))
    given = {
        row["application_id"]: row
        for row in EqualityMonitoring.objects.filter(application_id__in=application_ids).values(
            "application_id", *EqualityMonitoring.ANSWER_FIELDS
        )
    }
    return [given.get(application_id, {}) for application_id in application_ids]


def forum_composition(forum, today=None):
    return composition(member_answers(forum, today))
