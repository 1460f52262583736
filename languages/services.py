"""The languages rule: which versions of the public pages are offered, and to whom.

English (settings.LANGUAGE_CODE) is the service's own. Easy Read is English too, written
by the team to the Easy Read guidance, and is always offered. Every other language in
settings.LANGUAGES is a translation the team drafted: it is offered to the public only
once staff record a professional translator's check (TranslationCheck); until then only
staff see it, to preview it.
"""

import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import TranslationCheck

EASY_READ = "easy-read"
# How long a process may go on using the set of live languages it read (seconds): a
# check recorded in one process reaches the others within this.
LIVE_FOR = 60
# (when it was read, the codes): this process's copy, asked for several times a page.
_live = (0.0, None)


def english():
    return settings.LANGUAGE_CODE


def translations():
    """The languages that are translations (each needs a check to go live)."""
    return [code for code, _name in settings.LANGUAGES if code not in (english(), EASY_READ)]


def live():
    """The languages the public is offered."""
    global _live
    read_at, codes = _live
    if codes is None or time.monotonic() - read_at >= LIVE_FOR:
        checked = TranslationCheck.objects.filter(language__in=translations())
        codes = frozenset([english(), EASY_READ, *checked.values_list("language", flat=True)])
        _live = (time.monotonic(), codes)
    return codes


def forget_live():
    global _live
    _live = (0.0, None)


def previews(user):
    """Staff may look at the drafts."""
    return user.is_authenticated and user.is_staff


def offered(code, user):
    """Whether pages in `code` are served to `user`."""
    return code in live() or (code in translations() and previews(user))


def for_the_public(code):
    """`code` if the public is offered it, else English: what an email to an applicant
    is written in, and its links lead to (a draft previewed by staff, or a translation
    taken back to a draft, would leave them links that find nothing)."""
    return code if code in live() else english()


def is_draft(code):
    return code in translations() and code not in live()


@transaction.atomic
def translation_check_record(*, language, checked_by, checked_on, by):
    """Staff record that a professional translator checked `language`: it goes live."""
    if language not in translations():
        raise ValueError(f"{language} is not one of the service's translations")
    check, _created = TranslationCheck.objects.update_or_create(
        language=language,
        defaults={
            "checked_by": checked_by,
            "checked_on": checked_on,
            "recorded_by": by,
            "recorded_at": timezone.now(),
        },
    )
    forget_live()
    transaction.on_commit(forget_live)
    return check


@transaction.atomic
def translation_check_withdraw(*, language):
    """The language goes back to being a draft."""
    TranslationCheck.objects.filter(language=language).delete()
    forget_live()
    transaction.on_commit(forget_live)


def html_lang(code):
    """The page's lang attribute: Easy Read is British English."""
    return "en-GB" if code in (english(), EASY_READ) else code


def names():
    """{code: the language's name in itself}, in the order of settings.LANGUAGES."""
    return dict(settings.LANGUAGES)


def name_of(code):
    return names().get(code, code)


# The chooser's words for a screen reader, in the language each link leads to.
SWITCH_TO = {
    "en-gb": "Change the language to English",
    "pl": "Zmień język na polski",
    "ar": "غيّر اللغة إلى العربية",
}
