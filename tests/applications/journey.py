"""A complete, valid set of answers to the application form, page by page."""

from programme.models import Forum


def valid_answers(forum_slugs=("vawg",)):
    forum_ids = [
        str(pk) for pk in Forum.objects.filter(slug__in=forum_slugs).values_list("pk", flat=True)
    ]
    return [
        (
            "date-of-birth",
            {"date_of_birth_0": "27", "date_of_birth_1": "3", "date_of_birth_2": "1990"},
        ),
        ("london", {"london_connection": ["LIVES", "WORKS"]}),
        ("victim", {"victim_of_crime": "YES"}),
        ("pnc-check", {"willing_pnc": "YES"}),
        ("confidentiality", {"willing_confidentiality": "YES"}),
        ("forums", {"forums": forum_ids}),
        ("name", {"full_name": "Zoë O'Brien-Nguyễn", "preferred_name": "Zo"}),
        (
            "contact",
            {
                "email": "zoe@example.com",
                "phone": "07700 900 982",
                "contact_method": "EMAIL",
                "safe_to_leave_messages": "NO",
                "contact_times": "Not before 6pm",
            },
        ),
        ("address", {"postcode": "se1 2aa", "borough": "SOUTHWARK"}),
        ("support", {"access_needs": ["STEP_FREE"], "access_needs_other": ""}),
        (
            "why",
            {
                "why_join": "I want things to be better for the next person.",
                "interested_in_accountability": "on",
            },
        ),
        (
            "agreement",
            consents(partner=bool({"disabled-victims", "lgbtq-victims"} & set(forum_slugs))),
        ),
        ("equality", {"age_band": "25_34", "ethnic_group": "PREFER_NOT_TO_SAY"}),
    ]


def consents(partner=False, mps=False):
    data = {
        "pnc_check": "on",
        "pnc_check_version": "1",
        "terms_of_reference": "on",
        "terms_of_reference_version": "1",
        "mps_sharing_version": "1",
    }
    if mps:
        data["mps_sharing"] = "on"
    if partner:
        data.update(partner_sharing="on", partner_sharing_version="1")
    return data


def shown_in(consents, language):
    """The agreement's answers as a page in `language` sends them: each wording in it."""
    languages = {
        name.replace("_version", "_language"): language
        for name in consents
        if name.endswith("_version")
    }
    return {**consents, **languages}


def complete(client, answers=None, prefix="/"):
    """Answers every page (in the language of `prefix`, "/pl/"); returns the last
    response."""
    response = None
    for slug, data in answers or valid_answers():
        if slug == "agreement" and prefix != "/":
            data = shown_in(data, prefix.strip("/"))
        response = client.post(f"{prefix}apply/{slug}/", data)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
    return response
