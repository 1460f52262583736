"""The audit trail gets a retention period of its own (issue 16, point 3).

The trigger still refuses every UPDATE, and every DELETE but one: a row older than the
bound the retention sweep sets for its own transaction (`SET LOCAL
vvf.audit_keep_before`, see `AuditQuerySet.expire`). Unset, or for a row at or after
the bound, DELETE is refused as before.
"""

from django.db import migrations

REPLACE = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
DECLARE
    keep_before text := current_setting('vvf.audit_keep_before', true);
BEGIN
    -- Never younger than the policy's six years, whatever bound a session sets.
    IF TG_OP = 'DELETE' AND coalesce(keep_before, '') <> ''
            AND OLD.at < keep_before::timestamptz
            AND OLD.at < now() - interval '72 months' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only';
END;
$$ LANGUAGE plpgsql;
"""
# As in 0002: every change and every deletion refused.
RESTORE = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only';
END;
$$ LANGUAGE plpgsql;
"""


def replace(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REPLACE)


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESTORE)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_pendingtask")]

    operations = [migrations.RunPython(replace, restore)]
