"""GOV.UK Design System form fields, and helpers for the GOV.UK templates.

`{% govuk_field field %}` draws a whole form group: label or legend, hint, error
message and control, with the error and hint wired to the control for screen readers.
It is built here, in Python, rather than in a template: a page draws several fields, and
the template engine took most of a form page's time (docs/performance.md).
"""

import html

from django import forms, template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from vvf.forms import DateInput

register = template.Library()


def _escape(value):
    """As Django's `conditional_escape`: HTML stays as it is, anything else is escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def html_from(template_string, *args):
    """What Django's `format_html` does, for positional arguments: each argument escaped
    unless it is already HTML. A form group is built from dozens of small pieces, and
    Django's, which handles lazy text and keyword arguments too, took a third of a form
    page's time. Named apart, so no reader takes it for Django's own."""
    # Safe: the template is the caller's constant, and every argument is escaped.
    return SafeString(template_string.format(*map(_escape, args)))  # nosec B703


def html_join(separator, template_string, args_generator):
    """What Django's `format_html_join` does, with `html_from`."""
    return SafeString(  # nosec B703: each piece is escaped (html_from)
        _escape(separator).join(html_from(template_string, *args) for args in args_generator)
    )


_WIDGET_CLASS = {
    "input": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
}


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
    if kind == "file":
        # GOV.UK's file upload, enhanced by its script (a drop zone and a "Choose file"
        # button) where script runs; the plain file input where it does not.
        return html_from(
            '<div class="govuk-file-upload-wrapper" data-module="govuk-file-upload">{}</div>',
            _control(bound_field, attrs),
        )
    return _control(bound_field, attrs)


# Django's own input templates, each only including input.html (a widget with a
# template of its own is drawn by Django).
_STOCK_INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in ["text", "email", "number", "url", "password", "tel", "search", "date"]
    + ["datetime", "time", "color"]
}


def _control(bound_field, attrs):
    """What `bound_field.as_widget(attrs=attrs)` draws. Text inputs and textareas are
    written here, as Django's templates for them write them: those templates cost more
    than the rest of the form group. Other widgets are drawn by Django."""
    widget = bound_field.field.widget
    textarea = widget.template_name == "django/forms/widgets/textarea.html"
    if not (textarea or widget.template_name in _STOCK_INPUTS) or bound_field.field.localize:
        return bound_field.as_widget(attrs=attrs)
    attrs = bound_field.build_widget_attrs(attrs, widget)
    if bound_field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound_field.auto_id)
    drawn = widget.get_context(bound_field.html_name, bound_field.value(), attrs)["widget"]
    html_attrs = html_join(
        "",
        "{}",
        (
            (html_from(" {}", name) if value is True else html_from(' {}="{}"', name, value),)
            for name, value in drawn["attrs"].items()
            if value is not False
        ),
    )
    if textarea:
        return html_from(
            '<textarea name="{}"{}>\n{}</textarea>', drawn["name"], html_attrs, drawn["value"] or ""
        )
    value = html_from(' value="{}"', drawn["value"]) if drawn["value"] is not None else ""
    return html_from(
        '<input type="{}" name="{}"{}{}>', drawn["type"], drawn["name"], value, html_attrs
    )


@register.filter
def error_anchor(bound_field):
    """Where the error summary's link for this field lands: its first control."""
    if widget_kind(bound_field) in ("radios", "checkboxes", "date"):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


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
            blocks.append(html_from('<p class="govuk-body">{}</p>', " ".join(intro)))
        if items:
            blocks.append(
                html_from(
                    '<ul class="govuk-list govuk-list--bullet">{}</ul>',
                    html_join("", "<li>{}</li>", ((item,) for item in items)),
                )
            )
    return html_join("", "{}", ((block,) for block in blocks))


# Constant HTML, safe as written.
CHECKED = mark_safe(" checked")  # nosec B308
ROLE_GROUP = mark_safe(' role="group"')  # nosec B308
BR = mark_safe("<br>")  # nosec B308


def html_concat(parts):
    """HTML parts as one (each is already safe, so nothing is escaped twice)."""
    return SafeString("".join(map(_escape, parts)))  # nosec B703: each part is escaped


@register.simple_tag
def govuk_hint_and_errors(bound_field):
    parts = []
    if bound_field.help_text:
        parts.append(
            html_from(
                '<div id="{}-hint" class="govuk-hint">{}</div>',
                bound_field.auto_id,
                bound_field.help_text,
            )
        )
    if bound_field.errors:
        said = gettext("Error:")
        messages = html_join(
            BR,
            '<span class="govuk-visually-hidden">{}</span> {}',
            ((said, error) for error in bound_field.errors),
        )
        parts.append(
            html_from(
                '<p id="{}-error" class="govuk-error-message">{}</p>',
                bound_field.auto_id,
                messages,
            )
        )
    return html_concat(parts)


@register.simple_tag
def govuk_field(bound_field, label_class=""):
    """The field's whole form group. `label_class="heading"` makes its label (or
    legend) the page's heading, with the form's `caption` above it."""
    kind = widget_kind(bound_field)
    if kind == "hidden":
        return bound_field.as_widget()
    heading = label_class == "heading"
    caption = getattr(bound_field.form, "caption", "") if heading else ""
    caption = html_from('<span class="govuk-caption-l">{}</span>', caption) if caption else ""
    if kind in ("date", "radios", "checkboxes"):
        body = _fieldset(bound_field, kind, heading, caption)
    elif kind == "checkbox":
        body = _single_checkbox(bound_field)
    else:
        body = _labelled(bound_field, kind, heading, caption)
    error = " govuk-form-group--error" if bound_field.errors else ""
    return html_from('<div class="govuk-form-group{}">{}</div>', error, body)


def _fieldset(bound_field, kind, heading, caption):
    describedby = described_by(bound_field)
    if heading:
        legend = html_from(
            '<legend class="govuk-fieldset__legend govuk-fieldset__legend--l">'
            '<h1 class="govuk-fieldset__heading">{}{}</h1></legend>',
            caption,
            bound_field.label,
        )
    else:
        legend = html_from(
            '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{}</legend>',
            bound_field.label,
        )
    if kind == "date":
        control = govuk_widget(bound_field)
    else:
        small = f" govuk-{kind}--small" if getattr(bound_field.field, "small", False) else ""
        control = html_from(
            '<div class="govuk-{}{}" data-module="govuk-{}">{}</div>',
            kind,
            small,
            kind,
            html_concat(_choice(bound_field, kind, choice) for choice in bound_field.subwidgets),
        )
    return html_from(
        '<fieldset class="govuk-fieldset"{}{}>{}{}{}</fieldset>',
        ROLE_GROUP if kind == "date" else "",
        html_from(' aria-describedby="{}"', describedby) if describedby else "",
        legend,
        govuk_hint_and_errors(bound_field),
        control,
    )


def _choice(bound_field, kind, choice):
    """One radio or checkbox of a group, with its hint (`item_hints`) if it has one."""
    option_id = choice.id_for_label
    hint = option_hint(bound_field, choice.data["value"])
    return html_from(
        '<div class="govuk-{}__item"><input class="govuk-{}__input" id="{}" name="{}" '
        'type="{}" value="{}"{}{}><label class="govuk-label govuk-{}__label" for="{}">{}'
        "</label>{}</div>",
        kind,
        kind,
        option_id,
        bound_field.html_name,
        "radio" if kind == "radios" else "checkbox",
        choice.data["value"],
        CHECKED if choice.data["selected"] else "",
        html_from(' aria-describedby="{}-item-hint"', option_id) if hint else "",
        kind,
        option_id,
        choice.choice_label,
        html_from(
            '<div id="{}-item-hint" class="govuk-hint govuk-{}__hint">{}</div>',
            option_id,
            kind,
            hint,
        )
        if hint
        else "",
    )


def _single_checkbox(bound_field):
    describedby = described_by(bound_field)
    return html_from(
        '{}<div class="govuk-checkboxes" data-module="govuk-checkboxes">'
        '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="{}" '
        'name="{}" type="checkbox" value="on"{}{}><label class="govuk-label '
        'govuk-checkboxes__label" for="{}">{}</label></div></div>',
        govuk_hint_and_errors(bound_field),
        bound_field.auto_id,
        bound_field.html_name,
        CHECKED if bound_field.value() else "",
        html_from(' aria-describedby="{}"', describedby) if describedby else "",
        bound_field.auto_id,
        bound_field.label,
    )


def _labelled(bound_field, kind, heading, caption):
    """A control with a label: text, email, number, textarea, select, file."""
    label = html_from(
        '<label class="govuk-label govuk-label--{}" for="{}">{}{}</label>',
        "l" if heading else "s",
        bound_field.id_for_label,
        caption,
        bound_field.label,
    )
    if heading:
        label = html_from('<h1 class="govuk-label-wrapper">{}</h1>', label)
    body = html_from("{}{}{}", label, govuk_hint_and_errors(bound_field), govuk_widget(bound_field))
    max_length = bound_field.field.max_length if kind == "textarea" else None
    if not max_length:
        return body
    return html_from(
        '<div class="govuk-character-count" data-module="govuk-character-count" '
        'data-maxlength="{}">{}<div id="{}-info" class="govuk-hint '
        'govuk-character-count__message">{}</div></div>',
        max_length,
        body,
        bound_field.auto_id,
        gettext("You can enter up to %(max)s characters") % {"max": max_length},
    )
