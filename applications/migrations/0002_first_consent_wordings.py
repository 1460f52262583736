from django.db import migrations

# The first version of each wording. Staff publish new versions in the admin.
WORDINGS = [
    (
        "PNC_CHECK",
        "Police National Computer (PNC) check",
        "I agree that the Metropolitan Police Service may check the Police National Computer "
        "for any convictions or cautions I have.\n\n"
        "I understand that:\n"
        "- the check can take up to six weeks\n"
        "- any convictions or cautions will be shared with MOPAC's Victim Voice Forum team "
        "for the sole purpose of deciding whether I am suitable to join a forum\n"
        "- if the check shows something, a panel of one person each from MOPAC, the Met "
        "and the forum's facilitator will decide whether it poses a risk to the forum's "
        "safety or reputation; a conviction does not automatically stop me joining\n"
        "- all information from the check will be deleted as soon as that assessment is "
        "made, whether or not my application is successful.",
    ),
    (
        "PARTNER_SHARING",
        "Sharing your details with the external partner",
        "The Disabled victims forum and the LGBTQ+ victims forum are run for MOPAC by an "
        "external partner organisation. I agree that MOPAC may share my application with "
        "that organisation so that it can run the forum. Because of the forum's subject, "
        "this may suggest things about me such as a disability or my sexual orientation.",
    ),
    (
        "MPS_SHARING",
        "Sharing your details with the Met for other initiatives",
        "I agree that MOPAC may share my name and contact details with the Metropolitan "
        "Police Service so that it can invite me to take part in other initiatives to "
        "improve victim care. I can withdraw this agreement at any time.",
    ),
    (
        "TERMS_OF_REFERENCE",
        "Victim Voice Forum Terms of Reference",
        "As a forum member I will:\n"
        "- keep what is said in forum meetings confidential\n"
        "- treat everyone with respect, be objective and allow others to be heard\n"
        "- support teamwork and encourage everyone to take part\n"
        "- contribute to discussion and debate, and help the group reach agreement\n"
        "- attend meetings about every six weeks, in person or occasionally online, and "
        "tell the team if I cannot\n"
        "- take part in an effective and professional way.\n\n"
        "Each forum's members may agree further arrangements together.",
    ),
    (
        "RECORDING",
        "Recording of meetings",
        "I agree that this meeting may be recorded to help write the note of the meeting. "
        "The recording will be deleted as soon as the note is finalised.",
    ),
]


def publish(apps, schema_editor):
    ConsentDocument = apps.get_model("applications", "ConsentDocument")
    for kind, title, body in WORDINGS:
        ConsentDocument.objects.get_or_create(
            kind=kind, version=1, defaults={"title": title, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
