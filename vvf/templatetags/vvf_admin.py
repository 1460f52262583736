"""The service's own admin pages draw their forms as the admin draws a change form."""

from django import template
from django.contrib.admin import helpers

register = template.Library()


@register.simple_tag
def admin_fieldsets(form, name=None):
    """`form` as the admin's fieldsets (one, headed `name`): aligned rows, help text
    under each field, the admin's error lists. Used by admin/includes/vvf_form.html."""
    return helpers.AdminForm(form, [(name, {"fields": list(form.fields)})], {})
