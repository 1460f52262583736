"""What every page's template knows of its language: the lang and dir of the page, and,
on the pages that are translated, the links to the same page in the other languages."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_script_prefix
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language_bidi

from languages.services import EASY_READ, SWITCH_TO, english, html_lang, is_draft
from languages.services import names as language_names
from languages.services import offered as offered_to


def language(request):
    code = getattr(request, "LANGUAGE_CODE", english())
    return {
        "html_lang": html_lang(code),
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        "easy_read": code == EASY_READ,
        "languages": SimpleLazyObject(lambda: Languages(request, code)),
    }


class Languages:
    """The language links of a page: Easy Read (or back from it) and the chooser."""

    def __init__(self, request, code):
        self.request = request
        self.code = code

    @cached_property
    def translated(self):
        match = self.request.resolver_match
        return match is not None and match.func in _translated_views()

    def url(self, code):
        """This page in `code`: the same path under that language's prefix."""
        path = self.request.path_info.lstrip("/")
        if self.code != english():
            path = path.removeprefix(self.code + "/")
        prefix = "" if code == english() else code + "/"
        return get_script_prefix() + prefix + path

    @cached_property
    def easy_read_url(self):
        return self.url(english() if self.code == EASY_READ else EASY_READ)

    @cached_property
    def choices(self):
        """A Choice for English and each translation offered, when there is more than
        English to choose."""
        offered = [
            code
            for code in language_names()
            if code != EASY_READ and offered_to(code, self.request.user)
        ]
        if len(offered) < 2:
            return []
        current = english() if self.code == EASY_READ else self.code
        return [
            Choice(
                name=name,
                lang=html_lang(code),
                url=self.url(code),
                current=code == current,
                draft=is_draft(code),
                switch_to=SWITCH_TO.get(code, name),
            )
            for code, name in language_names().items()
            if code in offered
        ]


@dataclass(frozen=True)
class Choice:
    name: str
    lang: str
    url: str
    current: bool
    draft: bool
    switch_to: str


_views = None


def _translated_views():
    global _views
    if _views is None:
        from .urls import translated

        _views = frozenset(_callbacks(translated))
    return _views


def _callbacks(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _callbacks(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback
