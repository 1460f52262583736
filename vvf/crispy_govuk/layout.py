"""The pack's layout objects. Each is one of crispy's (its `Layout`, `Field`,
`ButtonHolder`) or has crispy's `render(form, context, template_pack)`, and draws its
part of the page in Python: crispy's own objects render a template each (a field, a
button, a fieldset's legend compiled from a string on every page).

An object whose drawing depends on the page's context says so with `uses_context`: an
empty form fixed in code is drawn once a process without those parts (helper.py)."""

from crispy_forms import layout
from django.template.loader import get_template

from vvf.templatetags.govuk import (
    govuk_field,
    govuk_hint_and_errors,
    govuk_widget,
    html_concat,
    html_from,
)

PACK = "govuk"
# GOV.UK's script ignores a second click of a button that sends a form.
PREVENT_DOUBLE_CLICK = html_from(' data-prevent-double-click="{}"', "true")


class Layout(layout.Layout):
    """crispy's Layout: a field's name in it stands for `Field(name)`."""

    uses_context = False

    def __init__(self, *items):
        super().__init__(*(Field(item) if isinstance(item, str) else item for item in items))
        self.uses_context = any(getattr(item, "uses_context", False) for item in self.fields)

    def render(self, form, context, template_pack=PACK, **kwargs):
        return html_concat(item.render(form, context, template_pack) for item in self.fields)


class Field(layout.Field):
    """One field's whole GOV.UK form group, drawn by `govuk_field`.

    `label_class="heading"` makes its label (or legend) the page's heading; left out, it
    is the form's own `label_class` (a page of the application with one question asks
    it as its heading). `prefix`, such as "£", is drawn before a text input."""

    uses_context = False

    def __init__(self, name, *, label_class=None, prefix=""):
        super().__init__(name)
        self.label_class = label_class
        self.prefix = prefix

    def render(self, form, context, template_pack=PACK, **kwargs):
        bound_field = form[self.fields[0]]
        if self.prefix:
            return _prefixed(bound_field, self.prefix)
        label_class = self.label_class
        if label_class is None:
            label_class = getattr(form, "label_class", "") or ""
        return govuk_field(bound_field, label_class)


def _prefixed(bound_field, prefix):
    """GOV.UK's text input with a prefix (the amount of a claim, after "£")."""
    return html_from(
        '<div class="govuk-form-group{}"><label class="govuk-label govuk-label--s" for="{}">{}'
        '</label>{}<div class="govuk-input__wrapper"><div class="govuk-input__prefix" '
        'aria-hidden="true">{}</div>{}</div></div>',
        " govuk-form-group--error" if bound_field.errors else "",
        bound_field.id_for_label,
        bound_field.label,
        govuk_hint_and_errors(bound_field),
        prefix,
        govuk_widget(bound_field),
    )


class Heading:
    """A heading between fields, such as "Add an item" above an agenda item's fields."""

    uses_context = False

    def __init__(self, text, *, level=2, size="m"):
        self.text = text
        self.level = level
        self.size = size

    def render(self, form, context, template_pack=PACK, **kwargs):
        return html_from(
            '<h{} class="govuk-heading-{}">{}</h{}>', self.level, self.size, self.text, self.level
        )


class Submit:
    """GOV.UK's button, sending the form (crispy's Submit draws an `<input>` through a
    template). `text` is the button's words, or a function of the page's context that
    gives them. With `name` and `value` the button says which it was (`save=1`)."""

    def __init__(self, text, *, name="", value="", secondary=False, prevent_double_click=True):
        self.text = text
        self.name = name
        self.value = value
        self.secondary = secondary
        self.prevent_double_click = prevent_double_click
        self.uses_context = callable(text)

    def render(self, form, context, template_pack=PACK, **kwargs):
        return html_from(
            '<button type="submit"{}{} class="govuk-button{}" data-module="govuk-button"{}>{}'
            "</button>",
            html_from(' name="{}"', self.name) if self.name else "",
            html_from(' value="{}"', self.value) if self.value else "",
            " govuk-button--secondary" if self.secondary else "",
            PREVENT_DOUBLE_CLICK if self.prevent_double_click else "",
            self.text(context) if self.uses_context else self.text,
        )


class ButtonGroup(layout.ButtonHolder):
    """GOV.UK's button group: buttons side by side."""

    def __init__(self, *buttons):
        super().__init__(*buttons)
        self.uses_context = any(button.uses_context for button in buttons)

    def render(self, form, context, template_pack=PACK, **kwargs):
        return html_from(
            '<div class="govuk-button-group">{}</div>',
            html_concat(button.render(form, context, template_pack) for button in self.fields),
        )


class Honeypot:
    """The field a person leaves empty and a robot fills in (vvf/abuse.py): the same
    markup as the pages without a form of fields (templates/includes/honeypot.html)."""

    uses_context = False

    def render(self, form, context, template_pack=PACK, **kwargs):
        return get_template("includes/honeypot.html").render()
