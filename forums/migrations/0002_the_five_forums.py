from django.db import migrations

MOPAC = "Mayor's Office for Policing and Crime (MOPAC)"
# The information sheet does not name the partner; staff rename it in the admin.
PARTNER = "External partner organisation"

FORUMS = [
    (
        "vawg",
        "Violence against women and girls",
        "For victims and survivors of violence against women and girls.",
        MOPAC,
        True,
    ),
    (
        "black-communities",
        "London's Black communities",
        "For victims of crime from London's Black communities.",
        MOPAC,
        True,
    ),
    (
        "disabled-victims",
        "Disabled victims",
        "For disabled victims of crime. Run by an external partner organisation.",
        PARTNER,
        True,
    ),
    (
        "lgbtq-victims",
        "LGBTQ+ victims",
        "For LGBTQ+ victims of crime. Run by an external partner organisation.",
        PARTNER,
        True,
    ),
    (
        "pilot",
        "Pilot forum",
        "The pilot forum, which has met for over a year. It is not open for applications.",
        MOPAC,
        False,
    ),
]


def create_forums(apps, schema_editor):
    Organisation = apps.get_model("forums", "Organisation")
    Forum = apps.get_model("forums", "Forum")
    mopac, _ = Organisation.objects.get_or_create(name=MOPAC, defaults={"kind": "MOPAC"})
    partner, _ = Organisation.objects.get_or_create(
        name=PARTNER, defaults={"kind": "EXTERNAL_PARTNER"}
    )
    runners = {MOPAC: mopac, PARTNER: partner}
    for position, (slug, name, description, runner, recruiting) in enumerate(FORUMS):
        Forum.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "run_by": runners[runner],
                "is_recruiting": recruiting,
                "position": position,
            },
        )


def remove_forums(apps, schema_editor):
    apps.get_model("forums", "Forum").objects.filter(slug__in=[f[0] for f in FORUMS]).delete()
    apps.get_model("forums", "Organisation").objects.filter(name__in=[MOPAC, PARTNER]).delete()


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_initial")]

    operations = [migrations.RunPython(create_forums, remove_forums)]
