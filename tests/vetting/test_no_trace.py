"""Once the panel decides, nothing held shows that a check disclosed anything (issue 16,
decision 15). The same applicant is taken through the service twice from the same
state, through its real pages: once the check finds no record; once it discloses a
caution, the panel reads it and accepts. Every row of every table, the audit trail
included, must then be the same both times, but for the audit entries that say who read
or decided on criminal record information on which day, tied to no record."""

import datetime
import json
import re
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Consent, ConsentDocument
from applications.services import application_withdraw
from audit.models import AuditEntry
from programme.models import Forum
from tests.conftest import sign_in
from tests.vetting.helpers import NOTES, OFFENCE, RATIONALE, panel
from vetting.models import PncCheck

pytestmark = pytest.mark.django_db

UNTIED = {"vetting.disclosure", "vetting.suitabilitycase"}
# The one outbox row a disclosure adds: the seat holders' emails, queued when the case
# opens, named by the case's id. The tests' transactions never commit, so it is still
# here; in the service it is deleted once the broker has the task (vvf/outbox.py), and
# the case it names is gone after the decision.
CASE_OPENED_EMAILS = (
    Counter(),
    Counter(
        {
            (
                ("args", "[#]"),
                ("attempts", "<number>"),
                ("created_at", "<time>"),
                ("task", "vetting.tasks.send_case_opened_emails"),
            ): 1
        }
    ),
)


class Rollback(Exception):
    pass


def _keys():
    """Each table's key columns: their values come from sequences, which a rolled-back
    run does not rewind, so two runs of the same steps differ there by construction."""
    keys = {}
    for model in apps.get_models(include_auto_created=True):
        keys[model._meta.db_table] = {
            field.column
            for field in model._meta.concrete_fields
            if field.primary_key or field.is_relation
        }
    return keys


def _plain(value):
    """A value with what differs between runs by construction set aside: times, and
    numbers standing for rows (ids in text and JSON)."""
    if isinstance(value, datetime.date | datetime.time):
        return "<time>"
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return "<id>"
    if isinstance(value, int) and not isinstance(value, bool):
        return "<number>"
    if isinstance(value, list | dict):
        value = json.dumps(value, sort_keys=True, default=str)
    if isinstance(value, str) and value[:1] in "[{":
        # Each number as one "#", whatever its digits: two runs' ids can differ in length.
        return re.sub(r"[0-9]+", "#", value)
    return value


def snapshot():
    """Every row of every table, by raw SQL: per table, a count of rows as they read
    with keys, times and ids set aside. A session is read as the keys it holds."""
    keys = _keys()
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # names from the database
            columns = [column.name for column in cursor.description]
            rows = Counter()
            for row in cursor.fetchall():
                cells = dict(zip(columns, row, strict=True))
                if table == "django_session":
                    cells["session_data"] = sorted(
                        SessionStore().decode(cells["session_data"]).keys()
                    )
                rows[
                    tuple(
                        (column, _plain(value))
                        for column, value in sorted(cells.items())
                        if column not in keys.get(table, ())
                    )
                ] += 1
            tables[table] = rows
    return tables


def _client(user):
    return sign_in(Client(), user)


def take_through(*, disclosure, clients, seats, forum, withdraws=False):
    """The applicant from the PNC check to the outcome, through the service's pages,
    inside a savepoint that is rolled back: returns the snapshot taken at the end and
    what the applicant's records say. With `withdraws`, the applicant withdraws before
    the outcome: while the check is out, or while the panel decides."""
    found = {}
    try:
        with transaction.atomic():
            application = Application.objects.create(
                reference="VVF-SAME-0001",
                full_name="Canary Applicant 5e2d",
                email="canary.5e2d@example.com",
                postcode="SE1 2AA",
                borough="SOUTHWARK",
                why_join="To help.",
                status="PNC_CHECK",
                access_key="the-same-access-key",
            )
            application.forums.set([forum])
            Consent.objects.create(
                application=application,
                document=ConsentDocument.objects.get(kind="PNC_CHECK", language="en-gb", version=1),
                given=True,
            )
            office = clients["staff"]
            office.post(
                reverse("admin:vetting_pnccheck_request", args=[application.pk]),
                {"requested_on": "2026-11-01"},
            )
            check = PncCheck.objects.get(application=application)
            result = {
                "result": "NO_RECORD",
                "received_on": "2026-11-20",
                "disclosure-TOTAL_FORMS": "3",
                "disclosure-INITIAL_FORMS": "0",
            }
            if disclosure:
                result.update(
                    {
                        "result": "DISCLOSURE",
                        "seat_mopac": seats["MOPAC"].pk,
                        "seat_mps": seats["MPS"].pk,
                        "seat_facilitator": seats["FACILITATOR"].pk,
                        "disclosure-0-offence": OFFENCE,
                        "disclosure-0-offence_date": "2019",
                        "disclosure-0-disposal": "Caution",
                        "disclosure-0-notes": NOTES,
                    }
                )
            if disclosure or not withdraws:
                office.post(reverse("admin:vetting_pnccheck_result", args=[check.pk]), result)
            office.get(reverse("admin:vetting_pnccheck_change", args=[check.pk]))
            if disclosure:
                case = check.suitability_case
                url = reverse("vetting:case", args=[case.pk])
                for seat in list(seats)[: 1 if withdraws else 3]:
                    sitting = clients[seat]
                    assert OFFENCE in sitting.get(url).content.decode()
                    sitting.post(url, {"decision": "ACCEPT", "rationale": RATIONALE}, follow=True)
            if withdraws:
                application_withdraw(application=application, reason="Not now")
            for seat in seats:
                clients[seat].get(reverse("vetting:my-cases"))  # each run, the same pages
            application.refresh_from_db()
            check.refresh_from_db()
            found = {
                "status": application.status,
                "check": (check.result, check.result_received_on),
                "moves": list(
                    application.events.order_by("at", "pk").values_list(
                        "from_status", "to_status", "reason", "by"
                    )
                ),
                "untied": list(
                    AuditEntry.objects.filter(object_type__in=UNTIED).values_list(
                        "object_ref", "at"
                    )
                ),
                "snapshot": snapshot(),
            }
            raise Rollback
    except Rollback:
        pass
    return found


def _people(user_with_role):
    """VVF staff and the three panel members, each signed in before either run, so that
    their sessions and sign-ins are the same for both."""
    seats = panel()
    clients = {seat: _client(user) for seat, user in seats.items()}
    clients["staff"] = _client(user_with_role("VVF staff", is_staff=True))
    return seats, Forum.objects.get(slug="vawg"), clients


def test_after_the_decision_a_disclosure_reads_as_no_record(user_with_role):
    seats, forum, clients = _people(user_with_role)

    no_record = take_through(disclosure=False, clients=clients, seats=seats, forum=forum)
    disclosed = take_through(disclosure=True, clients=clients, seats=seats, forum=forum)

    today = datetime.date.today()
    for run in (no_record, disclosed):
        assert run["status"] == "ACCEPTED"
        assert run["moves"] == [("PNC_CHECK", "ACCEPTED", "PNC check complete", None)]
    assert no_record["check"] == ("COMPLETE", datetime.date(2026, 11, 20))
    # The disclosure's check was complete when the panel decided: today.
    assert disclosed["check"] == ("COMPLETE", today)

    # Every table the same, row for row, but for the untied audit entries.
    before, after = no_record["snapshot"], disclosed["snapshot"]
    assert set(before) == set(after)
    differences = {
        table: (before[table] - after[table], after[table] - before[table])
        for table in before
        if before[table] != after[table]
    }
    assert set(differences) == {"audit_auditentry", "audit_pendingtask"}
    assert differences["audit_pendingtask"] == CASE_OPENED_EMAILS
    only_before, only_after = differences["audit_auditentry"]
    assert only_before == Counter()
    details = Counter()
    for row, count in only_after.items():
        cells = dict(row)
        assert (cells["object_type"] in UNTIED, cells["object_ref"]) == (True, "")
        details[cells["detail"]] += count
    # Staff recorded it; staff and each seat read it (the first two seats twice, as the
    # page came back after their decisions); each seat decided.
    assert details == {
        "criminal record information recorded": 1,
        "criminal record information viewed": 6,
        "panel seat decision": 3,
    }
    # Tied to nothing, and by the day only: no time to match to the acceptance.
    assert no_record["untied"] == []
    for ref, at in disclosed["untied"]:
        local = timezone.localtime(at)
        assert ref == ""
        assert (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)


def test_withdrawing_while_the_panel_decides_reads_as_withdrawing_while_the_check_is_out(
    user_with_role,
):
    seats, forum, clients = _people(user_with_role)

    pending = take_through(
        disclosure=False, withdraws=True, clients=clients, seats=seats, forum=forum
    )
    disclosed = take_through(
        disclosure=True, withdraws=True, clients=clients, seats=seats, forum=forum
    )

    for run in (pending, disclosed):
        assert run["status"] == "WITHDRAWN"
        assert run["check"] == ("", None)
        assert run["moves"] == [("PNC_CHECK", "WITHDRAWN", "Not now", None)]
    before, after = pending["snapshot"], disclosed["snapshot"]
    changed = {table for table in before if before[table] != after[table]}
    assert changed == {"audit_auditentry", "audit_pendingtask"}
    pending_tasks = before["audit_pendingtask"], after["audit_pendingtask"]
    assert (pending_tasks[0] - pending_tasks[1], pending_tasks[1] - pending_tasks[0]) == (
        CASE_OPENED_EMAILS
    )
    assert before["audit_auditentry"] - after["audit_auditentry"] == Counter()
    for row in after["audit_auditentry"] - before["audit_auditentry"]:
        assert (dict(row)["object_type"] in UNTIED, dict(row)["object_ref"]) == (True, "")


def test_the_comparison_sees_a_trace_left_behind(user_with_role, monkeypatch):
    """The comparison above finds a difference when one is left: here, the panel's case
    kept after the decision, as before decision 15."""
    from vetting import services

    monkeypatch.setattr(services, "_forget_case", _keep_the_case)
    seats, forum, clients = _people(user_with_role)

    before = take_through(disclosure=False, clients=clients, seats=seats, forum=forum)
    after = take_through(disclosure=True, clients=clients, seats=seats, forum=forum)
    before, after = before["snapshot"], after["snapshot"]

    changed = {table for table in before if before[table] != after[table]}
    assert {"vetting_suitabilitycase", "vetting_panelseat", "vetting_disclosureview"} <= changed


def _keep_the_case(case, *, completed):
    from vetting.models import Disclosure

    Disclosure.objects.filter(check_record=case.check_record).delete()
    check = case.check_record
    check.result = PncCheck.Result.COMPLETE
    check.result_received_on = datetime.date.today()
    check.save(update_fields=["result", "result_received_on"])
