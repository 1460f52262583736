from django.conf import settings
from django.core.checks import Error, register
from django.utils.translation import check_for_language


@register()
def catalogues_compiled(app_configs, **kwargs):
    """Without its compiled catalogue a language's pages would be served in English,
    silently: Easy Read applicants would read the standard pages."""
    return [
        Error(
            f"The catalogue for {code} is not compiled.",
            hint="Run `manage.py compilemessages` (it needs GNU gettext); `make` does.",
            id="languages.E001",
        )
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE and not check_for_language(code)
    ]
