"""crispy's FormHelper for the pack: no `<form>` tag of its own (each page writes its
form tag, with its action and encoding), and an empty form fixed in code drawn once."""

import hashlib

from crispy_forms import helper
from django.core.cache import caches
from django.utils.translation import get_language

from vvf.templatetags.govuk import html_concat

from .layout import PACK, Layout


class FormHelper(helper.FormHelper):
    """crispy's FormHelper, with the layout given to it: `FormHelper("email", Submit(...))`
    is `FormHelper()` with `layout = Layout("email", Submit(...))`.

    A form whose fields are fixed in code (`static_fields`) draws the same for everyone
    while it has no answers (an unbound form has no errors either) and no initial values,
    so empty it is drawn once a process (CACHES["pages"]): each page of the application
    is first seen empty. What depends on the page's context (`uses_context`, such as a
    button whose words depend on it) is drawn each time."""

    form_tag = False
    template_pack = PACK

    def __init__(self, *items):
        super().__init__()
        self.layout = Layout(*items)
        self._attributes = None

    def get_attributes(self, template_pack=PACK):
        """What `{% crispy %}` reads from the helper, worked out once: crispy works it out
        on every page, resolving `form_action` as a URL name and escaping the form's
        attributes again. A helper is declared once, with its form, and not changed."""
        if self._attributes is None:
            self._attributes = super().get_attributes(template_pack)
        return self._attributes

    def render_layout(self, form, context, template_pack=PACK):
        form.rendered_fields = set()
        if form.is_bound or form.initial or not getattr(form, "static_fields", False):
            return self.layout.render(form, context, template_pack)
        drawing = repr(
            (
                get_language(),
                type(form).__module__,
                type(form).__qualname__,
                str(getattr(form, "label_class", "")),
                str(getattr(form, "caption", "")),
                form.prefix,
                form.auto_id,
            )
        )
        key = "empty-layout:" + hashlib.md5(drawing.encode(), usedforsecurity=False).hexdigest()
        pages = caches["pages"]
        drawn = pages.get(key)
        if drawn is None:
            drawn = [
                None if item.uses_context else item.render(form, context, template_pack)
                for item in self.layout.fields
            ]
            pages.set(key, drawn, None)
        return html_concat(
            item.render(form, context, template_pack) if part is None else part
            for item, part in zip(self.layout.fields, drawn, strict=True)
        )
