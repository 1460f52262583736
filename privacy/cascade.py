"""Deleting a batch of rows and everything hanging from them, one SQL statement a table.

Django's `QuerySet.delete()` does the same, but it fetches the rows it deletes and
builds a query for each relation from Python lists of ids, which made the retention
sweep five times slower than a hand-written delete (docs/performance.md). The steps
here are worked out once from the models' foreign keys, children before parents, so a
model added later is covered without anyone remembering to list it; a foreign key that
would stop the deletion (PROTECT, RESTRICT, DO_NOTHING) is refused when the plan is
made. Stored files (receipts, recordings) are deleted from storage once the deletion is
committed, as the post_delete signals do for single deletions.

The SQL is built from table and column names the models declare; the ids are always
parameters (hence the `nosec` marks).
"""

import functools
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction


@dataclass(frozen=True)
class Step:
    model: type
    column: str  # the rows whose `column` is among the ids chosen by `chosen`
    chosen: str | None  # SQL choosing ids, with one {ids} slot; None: the batch's ids
    unlink: bool = False  # set the column to NULL instead of deleting (SET_NULL)

    @property
    def table(self):
        return connection.ops.quote_name(self.model._meta.db_table)

    @property
    def where(self):
        """The condition, with one {ids} slot for `column ... the batch's ids`."""
        if self.chosen is None:
            return f"{self.column} {{ids}}"
        return f"{self.column} IN ({self.chosen})"

    @property
    def files(self):
        return [f for f in self.model._meta.concrete_fields if isinstance(f, models.FileField)]


@functools.cache
def plan(model):
    """The steps deleting the batch's rows of `model` and all hanging from them,
    children first."""
    return (*_hanging_from(model, None), Step(model, model._meta.pk.column, None))


def _hanging_from(model, chosen):
    steps = []
    # Reverse foreign keys, the hidden ones from many-to-many tables included.
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete) or relation.many_to_many:
            continue
        child, column = relation.related_model, relation.field.column
        if relation.on_delete is models.SET_NULL:
            steps.append(Step(child, column, chosen, unlink=True))
        elif relation.on_delete is models.CASCADE:
            step = Step(child, column, chosen)
            pk = child._meta.pk.column
            chosen_children = f"SELECT {pk} FROM {step.table} WHERE {step.where}"  # nosec B608
            steps += _hanging_from(child, chosen_children)
            steps.append(step)
        else:
            raise ImproperlyConfigured(
                f"{child.__name__}.{relation.field.name} is {relation.on_delete.__name__}: "
                f"a {model.__name__} could not be deleted whole. Use CASCADE or SET_NULL."
            )
    return steps


def delete(model, ids):
    """Deletes these rows of `model` and all that hangs from them, in the current
    transaction; returns how many rows of `model` went."""
    ids = list(ids)
    if not ids:
        return 0
    slot, params = among(ids)
    with connection.cursor() as cursor:
        for step in plan(model):
            where = step.where.format(ids=slot)
            if step.files:
                _delete_files_on_commit(cursor, step, where, params)
            if step.unlink:
                sql = f"UPDATE {step.table} SET {step.column} = NULL WHERE {where}"  # nosec B608
            else:
                sql = f"DELETE FROM {step.table} WHERE {where}"  # nosec B608
            cursor.execute(sql, params)
            deleted = cursor.rowcount
    return deleted


def among(ids):
    """SQL to follow a column for "is one of these ids", and its parameters. On
    PostgreSQL one array, written once for every statement of a batch (adapting a Python
    list of thousands of ids, one placeholder each, costs more than the deletes), which
    the planner reads straight from the column's index."""
    if connection.vendor == "postgresql":
        return "= ANY(%s::bigint[])", ["{" + ",".join(str(int(pk)) for pk in ids) + "}"]
    return "IN (" + ", ".join(["%s"] * len(ids)) + ")", list(ids)


def _delete_files_on_commit(cursor, step, where, params):
    columns = ", ".join(f.column for f in step.files)
    sql = f"SELECT {columns} FROM {step.table} WHERE {where}"  # nosec B608
    cursor.execute(sql, params)
    for row in cursor.fetchall():
        for field, name in zip(step.files, row, strict=True):
            if name:
                transaction.on_commit(functools.partial(field.storage.delete, name))
