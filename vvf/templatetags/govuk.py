"""Helpers for the GOV.UK template pack in templates/govuk/ (django-crispy-forms)."""

from django import forms, template
from django.utils.html import format_html, format_html_join

from vvf.forms import DateInput

register = template.Library()

_WIDGET_CLASS = {
    "input": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
}


@register.filter
def widget_kind(bound_field):
    """Which GOV.UK component draws this field."""
    widget = bound_field.field.widget
    if widget.is_hidden:
        return "hidden"
    # CheckboxSelectMultiple is a RadioSelect, so it is tested first.
    for kind, widget_class in [
        ("date", DateInput),
        ("checkboxes", forms.CheckboxSelectMultiple),
        ("radios", forms.RadioSelect),
        ("checkbox", forms.CheckboxInput),
        ("textarea", forms.Textarea),
        ("select", forms.Select),
        ("file", forms.FileInput),
    ]:
        if isinstance(widget, widget_class):
            return kind
    return "input"


def described_by(bound_field):
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    return " ".join(ids)


@register.filter
def describedby(bound_field):
    return described_by(bound_field)


@register.simple_tag
def govuk_widget(bound_field):
    """The field's own control with GOV.UK classes, error state and hint wiring."""
    kind = widget_kind(bound_field)
    if kind == "date":
        return bound_field.as_widget(
            attrs={"error": bool(bound_field.errors)} if bound_field.errors else {}
        )
    base = _WIDGET_CLASS.get(kind, "govuk-input")
    classes = [base, bound_field.field.widget.attrs.get("class", "")]
    if kind == "textarea" and bound_field.field.max_length:
        classes.append("govuk-js-character-count")
    if bound_field.errors:
        classes.append(f"{base}--error")
    attrs = {"class": " ".join(c for c in classes if c)}
    describedby = described_by(bound_field)
    if kind == "textarea" and bound_field.field.max_length:
        describedby = f"{describedby} {bound_field.auto_id}-info".strip()
    if describedby:
        attrs["aria-describedby"] = describedby
    return bound_field.as_widget(attrs=attrs)


@register.filter
def error_anchor(bound_field):
    """Where the error summary's link for this field lands: its first control."""
    if widget_kind(bound_field) in ("radios", "checkboxes", "date"):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


@register.filter
def option_hint(bound_field, value):
    """The hint under one radio or checkbox option, from the field's `item_hints`."""
    hints = getattr(bound_field.field, "item_hints", None) or {}
    return hints.get(str(value), "")


@register.filter
def wording(text):
    """Plain text as GOV.UK paragraphs; a paragraph of "- " lines becomes a bullet list."""
    blocks = []
    for paragraph in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in paragraph.strip().split("\n") if line.strip()]
        if not lines:
            continue
        intro = [line for line in lines if not line.startswith("- ")]
        items = [line[2:] for line in lines if line.startswith("- ")]
        if intro:
            blocks.append(format_html('<p class="govuk-body">{}</p>', " ".join(intro)))
        if items:
            blocks.append(
                format_html(
                    '<ul class="govuk-list govuk-list--bullet">{}</ul>',
                    format_html_join("", "<li>{}</li>", ((item,) for item in items)),
                )
            )
    return format_html_join("", "{}", ((block,) for block in blocks))
