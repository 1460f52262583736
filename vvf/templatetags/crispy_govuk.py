"""`{% crispy form %}` for the GOV.UK pack (vvf/crispy_govuk).

The same tag as crispy's own (`{% load crispy_forms_tags %}`), read the same way (the
form, then an optional helper), drawing the same HTML: the form's layout, rendered by
its helper. Crispy's tag first gathers some twenty settings of the helper into a copy of
the page's context and renders a template around the layout (`whole_uni_form.html`):
40 µs a page, a fifth of what the application form's page may spend on top of a bare
view (docs/decisions/0016). The pack's helpers draw no `<form>` tag, so that template
adds nothing, and this tag calls the helper straight away. tests/vvf/test_crispy_govuk.py
holds the two to the same output."""

from crispy_forms.templatetags.crispy_forms_tags import CrispyFormNode, do_uni_form
from django import template

from vvf.crispy_govuk.layout import PACK
from vvf.templatetags.govuk import govuk_field, html_concat

register = template.Library()


class GovukFormNode(CrispyFormNode):
    def __init__(self, form, helper, template_pack=None):
        super().__init__(form, helper, template_pack)
        self.form_variable = template.Variable(form)
        self.helper_variable = template.Variable(helper) if helper else None

    def render(self, context):
        form = self.form_variable.resolve(context)
        if self.helper_variable is not None:
            helper = self.helper_variable.resolve(context)
        else:
            helper = getattr(form, "helper", None)
        if helper is None:
            # As crispy's tag with the pack's template: every field, in order.
            return html_concat(govuk_field(field) for field in form)
        return helper.render_layout(form, context, template_pack=PACK)


@register.tag(name="crispy")
def crispy(parser, token):
    """Crispy's own reading of the tag, its check of the template pack included."""
    node = do_uni_form(parser, token)
    return GovukFormNode(node.form, node.helper, node.template_pack)
