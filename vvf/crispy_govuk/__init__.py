"""django-crispy-forms' GOV.UK template pack, "govuk" (docs/decisions/0016).

A public form declares its layout with crispy's `FormHelper` and `Layout`: the order of
its fields, the headings and text between them, its buttons. The layout objects here
draw it in Python, each field through the GOV.UK tag's `govuk_field`
(vvf/templatetags/govuk.py), not through a template a field as crispy's own objects do:
a page of the application form has a speed budget (docs/performance.md). A page draws
the form with `{% crispy form %}` inside its own `<form>` tag.
"""

from .helper import FormHelper
from .layout import ButtonGroup, Field, Heading, Honeypot, Layout, Submit

__all__ = ["ButtonGroup", "Field", "FormHelper", "Heading", "Honeypot", "Layout", "Submit"]
