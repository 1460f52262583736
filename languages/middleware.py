from django.conf import settings
from django.utils import translation

from .services import html_lang, offered


class LanguageMiddleware:
    """The language of a request is the one its URL names (/pl/apply/...), when that
    language is offered to whoever asks; otherwise English. Nothing else chooses it: not
    the browser's Accept-Language, not a cookie. A URL naming a language that is not
    offered finds no page (404), as a draft must not be found by the public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info)
        if language is None or not offered(language, request.user):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # Nothing drawn before the next request's language is set (a page for a
            # request refused by an earlier middleware) is drawn in this one's.
            translation.deactivate()
        response.headers.setdefault("Content-Language", html_lang(language))
        return response
