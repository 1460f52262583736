"""The session backend (vvf/sessions.py): Django's table and behaviour, plainer SQL."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.utils import timezone

from vvf.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved(**data):
    session = SessionStore()
    session.update(data)
    session.save()
    return session


def test_a_saved_session_reads_back():
    session = saved(apply={"answers": {"name": {"full_name": ["Zoë"]}}})

    again = SessionStore(session.session_key)

    assert again["apply"] == {"answers": {"name": {"full_name": ["Zoë"]}}}
    assert again.session_key == session.session_key


def test_an_update_writes_the_data_and_restarts_the_expiry():
    session = saved(step="name")
    Session.objects.filter(pk=session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )

    session = SessionStore(session.session_key)
    session["step"] = "contact"
    session.save()

    row = Session.objects.get(pk=session.session_key)
    assert SessionStore().decode(row.session_data) == {"step": "contact"}
    assert row.expire_date > timezone.now() + timedelta(hours=1)
    assert Session.objects.count() == 1


def test_an_expired_session_reads_as_empty_and_gets_a_new_key():
    session = saved(step="name")
    Session.objects.filter(pk=session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    again = SessionStore(session.session_key)

    assert dict(again.items()) == {}
    again["step"] = "contact"
    again.save()
    assert again.session_key != session.session_key


def test_an_unknown_key_reads_as_empty():
    assert dict(SessionStore("x" * 32).items()) == {}


def test_updating_a_session_deleted_meanwhile_fails_as_django_s_does():
    session = saved(step="name")
    session = SessionStore(session.session_key)
    assert session["step"] == "name"  # read before it was deleted
    Session.objects.all().delete()

    session["step"] = "contact"
    with pytest.raises(UpdateError):
        session.save()
    assert not Session.objects.exists()


def test_a_database_error_while_updating_fails_as_django_s_does(monkeypatch):
    from django.db import DatabaseError
    from django.db.backends.utils import CursorWrapper

    session = saved(step="name")
    session = SessionStore(session.session_key)
    session["step"] = "contact"

    def broken(self, sql, params=None):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    with pytest.raises(UpdateError):
        session.save()


def test_the_service_uses_it(client, settings):
    assert settings.SESSION_ENGINE == "vvf.sessions"
    client.get("/apply/date-of-birth/")
    client.post(
        "/apply/date-of-birth/",
        {"date_of_birth_0": "27", "date_of_birth_1": "3", "date_of_birth_2": "1990"},
    )

    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert "date-of-birth" in SessionStore(key)["apply"]["answers"]
