from programme.models import Forum, Organisation, recruiting_ids


def test_the_five_forums_exist_with_who_runs_them(db):
    forums = {forum.slug: (forum.run_by.kind, forum.is_recruiting) for forum in Forum.objects.all()}

    assert forums == {
        "vawg": (Organisation.Kind.MOPAC, True),
        "black-communities": (Organisation.Kind.MOPAC, True),
        "disabled-victims": (Organisation.Kind.EXTERNAL_PARTNER, True),
        "lgbtq-victims": (Organisation.Kind.EXTERNAL_PARTNER, True),
        "pilot": (Organisation.Kind.MOPAC, False),
    }


def test_recruiting_forums_exclude_the_pilot(db):
    assert list(Forum.objects.recruiting().values_list("slug", flat=True)) == [
        "vawg",
        "black-communities",
        "disabled-victims",
        "lgbtq-victims",
    ]


def test_recruiting_ids_follow_recruiting_as_it_changes(db):
    assert recruiting_ids() == set(Forum.objects.recruiting().values_list("pk", flat=True))

    Forum.objects.filter(slug="vawg").update(is_recruiting=False)
    Forum.objects.filter(slug="pilot").update(is_recruiting=True)

    assert recruiting_ids() == set(Forum.objects.recruiting().values_list("pk", flat=True))
    assert Forum.objects.get(slug="pilot").pk in recruiting_ids()
