import datetime
import json
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications import choices
from applications.models import EqualityMonitoring
from audit.models import AuditEntry
from forums import representation
from forums.models import Forum
from forums.permissions import sync_forum_access
from forums.services import membership_create, membership_leave
from tests.conftest import sign_in
from tests.factories import ApplicationFactory, UserFactory

CHOICES = dict(representation.TOPICS)


def test_the_london_figures_load_and_each_topic_adds_up_to_100():
    figures = representation.london_figures()

    assert figures["geography"]["code"] == "E12000007"
    assert set(figures["topics"]) == {"ethnic_group", "religion"}
    for field, topic in figures["topics"].items():
        total = sum(row["percent"] for row in topic["rows"])
        total += topic.get("not_answered_percent", 0)
        assert abs(total - 100) < 0.5, field


def test_each_london_topic_cites_its_source_and_date():
    for field, topic in representation.london_figures()["topics"].items():
        assert topic["table"].startswith("TS"), field
        assert topic["url"].startswith("https://www.nomisweb.co.uk/"), field
        assert datetime.date.fromisoformat(topic["released"]) == datetime.date(2022, 11, 29)
        assert topic["universe"], field
        assert topic["checked_against"], field
        assert topic["mapping"], field


def test_each_london_topic_maps_every_answer_exactly_once():
    not_answered = representation.NOT_ANSWERED_KEYS
    for field, topic in representation.london_figures()["topics"].items():
        mapped = [key for row in topic["rows"] for key in row["choices"]]
        offered = [value for value, _label in CHOICES[field].choices if value not in not_answered]
        assert sorted(mapped) == sorted(offered), field


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
    return reverse("admin:forums_forum_representation", args=[forum.pk])


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
    assert ethnic["Black, Black British, Black Welsh, Caribbean or African"] == [
        "9",
        "100.0",
        "13.5",
    ]
    assert ethnic["White"] == ["0", "0.0", "53.8"]
    assert ethnic["Not answered or prefer not to say"] == ["0", "0.0", "No figure"]


@pytest.mark.django_db
def test_counts_under_five_are_hidden_and_cannot_be_worked_out(staff, forum):
    response = staff.get(page_of(forum))

    religion = body_of(tables(response)["Religion: the forum's current members and London"])
    # Three Christians would be 9 - 6 if "No religion" were shown: both are hidden.
    assert religion["Christian"] == ["[c]", "[c]", "40.7"]
    assert religion["No religion"] == ["[c]", "[c]", "27.1"]
    assert religion["Muslim"] == ["0", "0.0", "15.0"]
    sex = body_of(tables(response)["Sex: the forum's current members and London"])
    assert sex["Female"] == ["5", "55.6", "No figure"]
    assert sex["Male"] == ["[c]", "[c]", "No figure"]
    assert sex["Not answered or prefer not to say"] == ["[c]", "[c]", "No figure"]
    assert "33.3" not in response.content.decode()  # 3 of 9 Christians, as a percentage


@pytest.mark.django_db
def test_a_topic_without_london_figures_says_so(staff, forum):
    response = staff.get(page_of(forum))

    assert response.content.decode().count("No London figure shipped") == 6
    assert "TS030 Religion" in response.content.decode()
    assert "29 November 2022" in response.content.decode()


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
    assert body_of(religion)["Muslim"] == ["0", "0.0", "15.0"]
    assert body_of(religion)["All current members"] == ["9", "", ""]


@pytest.mark.django_db
def test_members_without_answers_count_as_not_answered(staff, forum):
    member(forum)

    response = staff.get(page_of(forum))

    religion = body_of(tables(response)["Religion: the forum's current members and London"])
    assert religion["Not answered or prefer not to say"] == ["[c]", "[c]", "7.0"]
    age = body_of(tables(response)["Age: the forum's current members and London"])
    assert age["Not answered or prefer not to say"] == ["10", "100.0", "No figure"]


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
        "forums.forum",
        str(forum.pk),
    )


@pytest.mark.django_db
def test_the_forum_page_links_to_it(staff, forum):
    response = staff.get(reverse("admin:forums_forum_change", args=[forum.pk]))

    assert page_of(forum) in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_forum_is_not_found(staff):
    response = staff.get(reverse("admin:forums_forum_representation", args=[999999]))

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
