"""Sessions kept in the database as Django's own backend keeps them, read and updated
with one plain statement each.

Every page of the online application reads the applicant's session, and every page
they send writes it. Django's backend builds both queries with the ORM each time and
wraps each update in a transaction of its own (three round trips for one UPDATE): a
sixth of a form page's time. This backend keeps Django's table, expiry and errors, and
only reads and updates the row itself; creating, deleting and clearing expired
sessions stay Django's, as do the async methods (the service runs under WSGI).
SESSION_ENGINE = "vvf.sessions".
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError, connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self):
        connection = connections[router.db_for_read(self.model)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {self._table(connection)}"  # nosec B608
                " WHERE session_key = %s AND expire_date > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            # Unknown or expired: a new session gets a new key (as Django's backend).
            self._session_key = None
            return {}
        return self.decode(row[0])

    def save(self, must_create=False):
        if self.session_key is None or must_create:
            return super().save(must_create=must_create)
        data = self._get_session()
        connection = connections[router.db_for_write(self.model)]
        expiry = connection.ops.adapt_datetimefield_value(self.get_expiry_date())
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {self._table(connection)}"  # nosec B608
                    " SET session_data = %s, expire_date = %s WHERE session_key = %s",
                    [self.encode(data), expiry, self.session_key],
                )
                updated = cursor.rowcount
        except DatabaseError as error:
            raise UpdateError from error  # as Django's backend
        if updated != 1:
            # Deleted meanwhile (signed out elsewhere, or expired and cleared).
            raise UpdateError

    def _table(self, connection):
        return connection.ops.quote_name(self.model._meta.db_table)
