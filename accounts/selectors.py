from .models import User


def people_by_id(ids):
    """{user id: name and email} for the ids given, in one query: for lists that keep a
    user's id (the audit trail, a case's access log) and show the person beside it."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return {}
    return {user.pk: user.name_and_email() for user in User.objects.filter(pk__in=ids)}


def people_beside_ids(rows, id_attr):
    """Sets `person` on each row (an audit entry, a view in a case's access log) to the
    user id it keeps and the person beside it, "7: Kemi Adebayo (kemi@example.com)",
    reading the people of every row in one query. The rows keep only the id."""
    rows = list(rows)
    people = people_by_id(getattr(row, id_attr) for row in rows)
    for row in rows:
        user_id = getattr(row, id_attr)
        name = people.get(user_id)
        row.person = "-" if user_id is None else f"{user_id}: {name}" if name else str(user_id)
    return rows
