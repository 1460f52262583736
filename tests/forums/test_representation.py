import datetime
import json
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import capfirst

from applications import choices
from applications.models import EqualityMonitoring
from audit.models import AuditEntry
from forums import representation
from forums.permissions import sync_forum_access
from forums.services.memberships import membership_create, membership_leave
from programme.models import Forum
from tests.conftest import sign_in
from tests.factories import ApplicationFactory, UserFactory

CHOICES = dict(representation.TOPICS)


# London's figures: every topic, adding up, with its source and base.

SIXTEEN_AND_OVER = 7_103_983  # TS007: Londoners aged 16 and over on Census Day
ALL_AGES = 8_799_723  # TS007: all of London's usual residents

# Each of our answers and the census category it is set beside (None: no census equivalent).
CENSUS_CATEGORY = {
    "age_band": {
        "16_24": "Aged 16 to 24 years",
        "25_34": "Aged 25 to 34 years",
        "35_44": "Aged 35 to 44 years",
        "45_54": "Aged 45 to 54 years",
        "55_64": "Aged 55 to 64 years",
        "65_PLUS": "Aged 65 years and over",
    },
    "sex": {"FEMALE": "Female", "MALE": "Male"},
    "gender_identity": {
        "WOMAN": None,
        "MAN": None,
        "NON_BINARY": "Non-binary",
        "OTHER": "All other gender identities",
    },
    "trans_history": {
        "YES": "Gender identity different from sex registered at birth (all kinds)",
        "NO": "Gender identity the same as sex registered at birth",
    },
    "sexual_orientation": {
        "STRAIGHT": "Straight or heterosexual",
        "GAY_LESBIAN": "Gay or lesbian",
        "BISEXUAL": "Bisexual",
        "OTHER": "Pansexual, asexual, queer and all other sexual orientations",
    },
    "disability": {
        "YES": "Disabled under the Equality Act (day-to-day activities limited a lot or a little)",
        "NO": "Not disabled under the Equality Act",
    },
    "religion": {
        "NONE": "No religion",
        "BUDDHIST": "Buddhist",
        "CHRISTIAN": "Christian",
        "HINDU": "Hindu",
        "JEWISH": "Jewish",
        "MUSLIM": "Muslim",
        "SIKH": "Sikh",
        "OTHER": "Any other religion",
    },
}


def london_parts(topic):
    """Every London figure of a topic, (count or None, percent): our answers' rows, the
    census categories none of them match, and the census 'not answered'."""
    parts = [(row.get("count"), row["percent"]) for row in topic["rows"]]
    parts += [(row["count"], row["percent"]) for row in topic.get("census_only", [])]
    if "not_answered_percent" in topic:
        parts.append((topic.get("not_answered_count"), topic["not_answered_percent"]))
    return [(count, percent) for count, percent in parts if percent is not None]


def test_every_topic_the_form_asks_has_london_figures():
    figures = representation.london_figures()

    assert figures["geography"]["code"] == "E12000007"
    assert list(figures["topics"]) == EqualityMonitoring.ANSWER_FIELDS


def test_each_london_topic_adds_up_to_100():
    for field, topic in representation.london_figures()["topics"].items():
        total = sum(percent for _count, percent in london_parts(topic))
        assert abs(total - 100) < 0.2, field


def test_each_london_topics_counts_add_up_to_its_base():
    topics = representation.london_figures()["topics"]
    with_counts = ["age_band", "sex", "gender_identity", "trans_history"]
    with_counts += ["sexual_orientation", "disability"]

    # Ethnic group and religion were shipped as percentages, checked against sources.
    for field in ["ethnic_group", "religion"]:
        assert [row.get("count") for row in topics[field]["rows"]] == [None] * len(
            topics[field]["rows"]
        )
    for field in with_counts:
        topic = topics[field]
        parts = london_parts(topic)
        assert None not in [count for count, _percent in parts], field
        assert sum(count for count, _percent in parts) == topic["base_count"], field
        for count, percent in parts:
            # Each percentage is its count's share of the base, to the places shipped.
            places = 2 if percent < 1 else 1
            assert round(100 * count / topic["base_count"], places) == percent, (field, count)


def test_members_are_compared_with_londoners_aged_16_and_over_where_the_census_has_them():
    topics = representation.london_figures()["topics"]

    for field in ["age_band", "gender_identity", "trans_history", "sexual_orientation"]:
        assert topics[field]["universe"] == "usual residents aged 16 and over", field
    assert topics["disability"]["universe"] == "usual residents aged 16 and over"
    assert topics["age_band"]["base_count"] == SIXTEEN_AND_OVER
    assert topics["disability"]["base_count"] == SIXTEEN_AND_OVER
    # Sums of boroughs, or a table's own total: within a few people of TS007's.
    for field in ["gender_identity", "trans_history", "sexual_orientation"]:
        assert abs(topics[field]["base_count"] - SIXTEEN_AND_OVER) <= 10, field
    # No 16+ figure was found for these: all ages, and the page says so.
    for field in ["ethnic_group", "sex", "religion"]:
        assert topics[field]["universe"].startswith("all usual residents (all ages)"), field
        assert "all ages" in topics[field]["caveats"][0], field
    assert abs(topics["sex"]["base_count"] - ALL_AGES) <= 100  # rounded to the nearest 100


def test_each_london_topic_cites_its_source_and_date():
    for field, topic in representation.london_figures()["topics"].items():
        assert topic["table"], field
        assert topic["url"].startswith("https://www.nomisweb.co.uk/datasets/c2021ts"), field
        if topic["released"] is not None:
            released = datetime.date.fromisoformat(topic["released"])
            assert datetime.date(2022, 6, 28) <= released <= datetime.date(2023, 11, 1), field
        assert topic["universe"], field
        assert topic["checked_against"], field
        assert topic["mapping"], field
        assert topic["caveats"], field
    topics = representation.london_figures()["topics"]
    for field in ["age_band", "sex", "gender_identity", "trans_history", "sexual_orientation"]:
        assert "commit " in topics[field]["read_from"], field
    assert topics["disability"]["released"] is None  # RM123's release date is not recorded


def test_gender_identity_figures_are_official_statistics_in_development():
    topics = representation.london_figures()["topics"]

    statuses = {field: topic.get("status") for field, topic in topics.items()}
    assert statuses == {
        field: "official statistics in development"
        if field in ("gender_identity", "trans_history")
        else None
        for field in topics
    }


def test_each_london_topic_maps_every_answer_exactly_once():
    not_answered = representation.NOT_ANSWERED_KEYS
    for field, topic in representation.london_figures()["topics"].items():
        mapped = [key for row in topic["rows"] for key in row["choices"]]
        offered = [value for value, _label in CHOICES[field].choices if value not in not_answered]
        assert sorted(mapped) == sorted(offered), field


def test_each_answer_maps_to_a_census_category_or_to_none():
    topics = representation.london_figures()["topics"]

    for field, expected in CENSUS_CATEGORY.items():
        mapped = {key: row["census"] for row in topics[field]["rows"] for key in row["choices"]}
        assert mapped == expected, field
        for row in topics[field]["rows"]:
            # An answer with no census equivalent has no London figure either.
            assert (row["census"] is None) == (row["percent"] is None), (field, row["label"])
    ethnic = {
        key: row["census"] for row in topics["ethnic_group"]["rows"] for key in row["choices"]
    }
    assert ethnic["WHITE_ROMA"] == "White"
    assert ethnic["OTHER_ARAB"] == "Other ethnic group"
    assert None not in ethnic.values()


def test_the_data_file_is_read_once():
    representation.london_figures.cache_clear()
    first = representation.london_figures()

    assert representation.london_figures() is first
    assert first == json.loads(representation.DATA_FILE.read_text(encoding="utf-8"))


def test_counts_of_one_to_four_are_hidden():
    assert representation.hidden_positions([2, 3, 7, 0], total=12) == {0, 1}


def test_a_lone_hidden_count_hides_the_next_smallest_too():
    assert representation.hidden_positions([3, 9, 6, 0], total=18) == {0, 2}
    assert representation.hidden_positions([1, 6, 6, 0], total=13) == {0, 1, 2}


def test_counts_of_five_or_more_and_zeros_are_shown():
    assert representation.hidden_positions([5, 7, 0], total=12) == set()


def test_a_forum_under_five_members_shows_no_counts():
    assert representation.hidden_positions([0, 4, 0], total=4) == {0, 1, 2}


# The page, with real members.


def today():
    return timezone.localdate()


def member(forum, started_on=None, **answers):
    application = ApplicationFactory(status="ACCEPTED", forums=[forum])
    if answers:
        EqualityMonitoring.objects.create(application=application, **answers)
    membership, _crowded = membership_create(
        application=application,
        forum=forum,
        started_on=started_on or today() - datetime.timedelta(days=30),
    )
    return membership


@pytest.fixture
def forum(db):
    """Nine current members of the VAWG forum."""
    forum = Forum.objects.get(slug="vawg")
    for i in range(9):
        member(
            forum,
            ethnic_group="BLACK_AFRICAN" if i < 6 else "BLACK_CARIBBEAN",
            religion="NONE" if i < 6 else "CHRISTIAN",
            sex="FEMALE" if i < 5 else ("MALE" if i < 7 else ""),
        )
    return forum


@pytest.fixture
def staff(db):
    return sign_in(Client(), UserFactory(role="VVF staff", is_staff=True))


def page_of(forum):
    return reverse("admin:programme_forum_representation", args=[forum.pk])


class Tables(HTMLParser):
    """Each table's caption and rows of cell text."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell = {}, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.caption, self.rows = "", []
        elif tag == "caption":
            self.cell = []
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self.caption, self.cell = "".join(self.cell).strip(), None
        elif tag in ("th", "td"):
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table":
            self.tables[self.caption] = self.rows

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables(response):
    parser = Tables()
    parser.feed(response.content.decode())
    return parser.tables


def body_of(table):
    return {row[0]: row[1:] for row in table[1:]}


@pytest.mark.django_db
def test_counts_of_five_or_more_are_shown(staff, forum):
    response = staff.get(page_of(forum))

    assert response.status_code == 200
    ethnic = body_of(tables(response)["Ethnic group: the forum's current members and London"])
    black = "Black, Black British, Black Welsh, Caribbean or African"
    assert ethnic[black] == ["9", "100.0", "13.5", black]
    assert ethnic["White"] == ["0", "0.0", "53.8", "White"]
    assert ethnic["Not answered or prefer not to say"] == [
        "0",
        "0.0",
        "No figure",
        "None: the census fills in missing answers",
    ]


@pytest.mark.django_db
def test_counts_under_five_are_hidden_and_cannot_be_worked_out(staff, forum):
    response = staff.get(page_of(forum))

    religion = body_of(tables(response)["Religion: the forum's current members and London"])
    # Three Christians would be 9 - 6 if "No religion" were shown: both are hidden.
    assert religion["Christian"] == ["[c]", "[c]", "40.7", "Christian"]
    assert religion["No religion"] == ["[c]", "[c]", "27.1", "No religion"]
    assert religion["Muslim"] == ["0", "0.0", "15.0", "Muslim"]
    sex = body_of(tables(response)["Sex: the forum's current members and London"])
    assert sex["Female"] == ["5", "55.6", "51.5", "Female"]
    assert sex["Male"] == ["[c]", "[c]", "48.5", "Male"]
    assert sex["Not answered or prefer not to say"][:3] == ["[c]", "[c]", "No figure"]
    assert "33.3" not in response.content.decode()  # 3 of 9 Christians, as a percentage


@pytest.mark.django_db
def test_a_topic_without_london_figures_says_so(staff, forum, monkeypatch):
    figures = representation.london_figures()
    shipped = {field: figures["topics"][field] for field in ["ethnic_group", "religion"]}
    monkeypatch.setattr(representation, "london_figures", lambda: {**figures, "topics": shipped})

    response = staff.get(page_of(forum))

    assert response.content.decode().count("No London figure shipped") == 6
    assert "TS030 Religion" in response.content.decode()
    assert "29 November 2022" in response.content.decode()
    sex = body_of(tables(response)["Sex: the forum's current members and London"])
    assert sex["Female"] == ["5", "55.6", "No figure", ""]


@pytest.mark.django_db
def test_every_topic_shows_londons_figure_beside_the_members_share(staff, forum):
    response = staff.get(page_of(forum))

    html = response.content.decode()
    assert "No London figure shipped" not in html
    shown = tables(response)
    for field, topic in representation.london_figures()["topics"].items():
        title = capfirst(EqualityMonitoring._meta.get_field(field).verbose_name)
        body = body_of(shown[f"{title}: the forum's current members and London"])
        for row in topic["rows"]:
            members, share, london, census = body[row["label"]]
            if row["percent"] is None:
                assert (london, census) == (
                    "No census equivalent",
                    "None: the census asked nothing like this",
                ), (field, row["label"])
            else:
                assert (london, census) == (
                    representation.london_text(row["percent"]),
                    row["census"],
                ), (field, row["label"])
        assert topic["table"] in html, field
        assert topic["url"] in html, field


@pytest.mark.django_db
def test_the_page_shows_each_topics_source_base_and_caveats(staff, forum):
    response = staff.get(page_of(forum))

    html = response.content.decode()
    assert (
        "London: ONS Census 2021, table TS007 Age by single year of age, released 2 November 2022."
        in html
    )
    assert "Counted: usual residents aged 16 and over (7,103,983 people)." in html
    assert (
        "Counted: all usual residents (all ages), rounded to the nearest 100 (8,799,800 people)."
        in html
    )
    assert (
        "London: ONS Census 2021, table RM123, disability by age (with TS038 Disability)." in html
    )
    for topic in representation.london_figures()["topics"].values():
        for caveat in topic["caveats"]:
            assert escape(caveat) in html
        if "read_from" in topic:
            assert escape(topic["read_from"]) in html
    assert "Members are all 16 or over" in html


def test_london_percentages_are_shown_to_the_places_shipped():
    assert [representation.london_text(p) for p in [53.8, 15.0, 0.9, 0.08, 0.53, None]] == [
        "53.8",
        "15.0",
        "0.9",
        "0.08",
        "0.53",
        None,
    ]


@pytest.mark.django_db
def test_woman_and_man_are_shown_as_having_no_census_equivalent(staff, forum):
    for _ in range(5):
        member(forum, gender_identity="WOMAN", trans_history="NO")

    response = staff.get(page_of(forum))

    gender = body_of(tables(response)["Gender identity: the forum's current members and London"])
    assert gender["Woman"] == [
        "5",
        "35.7",
        "No census equivalent",
        "None: the census asked nothing like this",
    ]
    assert gender["Man"][2] == "No census equivalent"
    assert gender["Non-binary"] == ["0", "0.0", "0.08", "Non-binary"]
    assert gender["Not answered or prefer not to say"] == [
        "9",
        "64.3",
        "7.9",
        "Not answered (the question was voluntary)",
    ]
    census_only = body_of(
        tables(response)[
            "Gender identity: London's census categories that none of our answers match"
        ]
    )
    assert census_only == {
        "Gender identity the same as sex registered at birth": ["91.2"],
        "Gender identity different from sex registered at birth but no specific identity given": [
            "0.46"
        ],
        "Trans woman": ["0.16"],
        "Trans man": ["0.16"],
    }
    trans = body_of(
        tables(response)["Trans or has a trans history: the forum's current members and London"]
    )
    assert trans["No"] == [
        "5",
        "35.7",
        "91.2",
        "Gender identity the same as sex registered at birth",
    ]
    html = response.content.decode()
    assert "not whether someone is a woman or a man" in html
    assert html.count("no census equivalent</text>") == 2  # the chart says so too


@pytest.mark.django_db
def test_gender_identity_figures_are_labelled_official_statistics_in_development(staff, forum):
    response = staff.get(page_of(forum))

    html = response.content.decode()
    assert html.count("<strong>Official statistics in development:</strong>") == 2
    for field in ["gender_identity", "trans_history", "sexual_orientation"]:
        section = html.split(f'id="topic-{field}"')[1].split('<div class="module">')[0]
        labelled = "Official statistics in development" in section
        assert labelled == (field != "sexual_orientation"), field


@pytest.mark.django_db
def test_only_current_members_of_that_forum_count(staff, forum):
    other = Forum.objects.get(slug="black-communities")
    member(other, religion="MUSLIM")
    left = member(forum, religion="MUSLIM")
    membership_leave(membership=left, left_on=today() - datetime.timedelta(days=1))
    member(forum, started_on=today() + datetime.timedelta(days=7), religion="MUSLIM")
    EqualityMonitoring.objects.create(
        application=ApplicationFactory(status="IN_REVIEW", forums=[forum]), religion="MUSLIM"
    )

    response = staff.get(page_of(forum))

    religion = tables(response)["Religion: the forum's current members and London"]
    assert body_of(religion)["Muslim"] == ["0", "0.0", "15.0", "Muslim"]
    assert body_of(religion)["All current members"] == ["9", "", "", ""]


@pytest.mark.django_db
def test_members_without_answers_count_as_not_answered(staff, forum):
    member(forum)

    response = staff.get(page_of(forum))

    religion = body_of(tables(response)["Religion: the forum's current members and London"])
    assert religion["Not answered or prefer not to say"] == [
        "[c]",
        "[c]",
        "7.0",
        "Not answered (the religion question was voluntary)",
    ]
    age = body_of(tables(response)["Age: the forum's current members and London"])
    assert age["Not answered or prefer not to say"][:3] == ["10", "100.0", "No figure"]
    assert age["16 to 24"] == ["0", "0.0", "13.8", "Aged 16 to 24 years"]


@pytest.mark.django_db
def test_a_forum_under_five_members_shows_only_hidden_counts(staff):
    forum = Forum.objects.get(slug="pilot")
    for _ in range(3):
        member(forum, religion="CHRISTIAN")

    response = staff.get(page_of(forum))

    religion = body_of(tables(response)["Religion: the forum's current members and London"])
    assert {row[0] for label, row in religion.items() if label != "All current members"} == {"[c]"}
    assert "fewer than 5 current members" in response.content.decode()


@pytest.mark.django_db
def test_the_chart_is_inline_svg_with_no_style_attributes(staff, forum):
    response = staff.get(page_of(forum))

    html = response.content.decode()
    assert html.count('<svg viewBox="0 0 640') == len(representation.TOPICS)
    assert html.count('aria-hidden="true" focusable="false"') == len(representation.TOPICS)
    assert " style=" not in html.split('id="content-main"')[1]
    assert "<script" not in html.split('id="content-main"')[1]


@pytest.mark.django_db
def test_viewing_the_page_is_audited(staff, forum):
    staff.get(page_of(forum))

    entry = AuditEntry.objects.get(detail="representation")
    assert (entry.action, entry.object_type, entry.object_ref) == (
        "VIEW",
        "programme.forum",
        str(forum.pk),
    )


@pytest.mark.django_db
def test_the_forum_page_links_to_it(staff, forum):
    response = staff.get(reverse("admin:programme_forum_change", args=[forum.pk]))

    assert page_of(forum) in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_forum_is_not_found(staff):
    response = staff.get(reverse("admin:programme_forum_representation", args=[999999]))

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(detail="representation").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["Facilitator", "External partner", "Panel member", "Police lead"])
def test_other_roles_get_no_access(forum, role):
    user = UserFactory(role=role)
    forum.facilitators.add(user)
    forum.run_by.members.add(user)
    sync_forum_access(forum)
    client = sign_in(Client(), user)

    response = client.get(page_of(forum))

    assert response.status_code == 404  # signed in, but the admin is out of reach
    assert not AuditEntry.objects.filter(detail="representation").exists()


@pytest.mark.django_db
def test_staff_without_the_forum_permission_are_refused(forum):
    client = sign_in(Client(), UserFactory(is_staff=True))

    response = client.get(page_of(forum))

    # Refused pages answer 404 here, so that their existence is not revealed.
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(detail="representation").exists()


def test_every_topic_the_form_asks_is_on_the_page():
    assert [field for field, _options in representation.TOPICS] == (
        EqualityMonitoring.ANSWER_FIELDS
    )
    assert CHOICES["religion"] is choices.Religion
