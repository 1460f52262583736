from django.db import migrations

THEMES = [
    "First contact and reporting",
    "Updates on investigations",
    "Victim care and support",
    "Court and CPS",
    "Training and awareness",
    "Under-reporting",
    "Other",
]


def add(apps, schema_editor):
    Theme = apps.get_model("feedback", "Theme")
    for position, name in enumerate(THEMES):
        Theme.objects.get_or_create(name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
