"""The base classes and helpers every app's admin uses: the fields every admin form
shares, a 404 for a record out of reach, the service's own admin pages and their
messages. The site itself is vvf.admin_site."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.html import format_html

from . import forms as vvf_forms

# The admin's own forms for a model read numbers, dates and times with the service's
# fields, which take the digits 0 to 9 only (vvf.forms.ascii_digits); Django's would read
# "५" as 5. The most particular model field first: a DateTimeField is a DateField.
ASCII_DIGIT_FORM_FIELDS = [
    (models.DateTimeField, vvf_forms.SplitDateTimeField),
    (models.DateField, vvf_forms.PlainDateField),
    (models.TimeField, vvf_forms.TimeField),
    (models.DecimalField, vvf_forms.DecimalField),
    (models.FloatField, vvf_forms.FloatField),
    (models.IntegerField, vvf_forms.IntegerField),
]


class FormFieldsMixin:
    """The form fields of every ModelAdmin and inline of the service (the libraries'
    admins are registered again with it, accounts/admin.py): numbers, dates and times
    in the digits 0 to 9, and people picked by name and email, not "user 7"."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        for model_field, form_field in ASCII_DIGIT_FORM_FIELDS:
            if isinstance(db_field, model_field):
                kwargs.setdefault("form_class", form_field)
                break
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and _picks_people(db_field):
            formfield.label_from_instance = person_label
        return formfield


class ModelAdminMixin(FormFieldsMixin):
    """What every ModelAdmin of the service does: the fields above, and an unknown or
    out-of-reach record answers 404, as every page out of reach does (Django's admin
    would redirect with "doesn't exist"). tests/test_access.py checks this holds."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj


class ModelAdmin(ModelAdminMixin, admin.ModelAdmin):
    pass


class TabularInline(FormFieldsMixin, admin.TabularInline):
    pass


class StackedInline(FormFieldsMixin, admin.StackedInline):
    pass


def person_label(user):
    return user.name_and_email()


def person_or_dash(user):
    """A user field shown read only (decided by, recorded by): name and email."""
    return user.name_and_email() if user is not None else "-"


def _picks_people(db_field):
    return db_field.is_relation and db_field.related_model is get_user_model()


class RequiredManyToManyFilter(admin.RelatedFieldListFilter):
    """The list filter of a required many-to-many (every application chose a forum):
    Django's would offer a "-" entry for rows with none, which lists nothing."""

    @property
    def include_empty_choice(self):
        return False


# Every list filter by a required many-to-many ("By forums" on the applications) is one.
admin.FieldListFilter.register(
    lambda field: field.many_to_many and not getattr(field, "blank", True),
    RequiredManyToManyFilter,
    take_priority=True,
)


class MadeByTheServiceMixin:
    """For records only the service's own code makes and removes (the public form, a
    service, the retention rules): never added or deleted by hand in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyMixin(MadeByTheServiceMixin):
    """Shown in the admin, never changed there."""

    def has_change_permission(self, request, obj=None):
        return False


def admin_page(model_admin, request, template, **context):
    """One of a ModelAdmin's own pages (a form for a service), in the admin's frame."""
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            **context,
        },
    )


def done(request, text, link=None, level=messages.SUCCESS):
    """Every action of the admin's own pages ends with a message saying what happened
    and, as `link` (url, words), what comes next."""
    if link is not None:
        url, words = link
        text = format_html('{} <a href="{}">{}</a>', text, url, words)
    messages.add_message(request, level, text)
