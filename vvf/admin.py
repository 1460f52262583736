import functools

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from two_factor.admin import AdminSiteOTPRequired

from accounts.roles import VVF_STAFF, has_role

from . import forms as vvf_forms


class VVFAdminSite(AdminSiteOTPRequired):
    """The service's admin site (Django's `admin.site`, through `vvf.apps.AdminConfig`).
    The admin is behind the second factor too; its own login page sends people to
    ours. Someone signed in (with their second factor) whose role has no admin answers
    404, like every page out of reach; sending them to sign in again would loop."""

    site_header = _("Victim Voice Forums admin")
    site_title = _("Victim Voice Forums admin")
    index_title = _("Run the programme")

    def login(self, request, extra_context=None):
        if _signed_in(request):
            raise Http404
        return super().login(request, extra_context)

    def index(self, request, extra_context=None):
        """For VVF staff, the programme home: what needs doing today, above the list of
        everything else (vvf/programme.py). Other roles see Django's index."""
        if has_role(request.user, VVF_STAFF):
            from . import programme

            extra_context = {
                **(extra_context or {}),
                "programme": programme.home(),
                "title": _("What needs doing today"),
            }
        return super().index(request, extra_context)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @functools.wraps(inner)
        def out_of_reach_is_404(request, *args, **kwargs):
            if _signed_in(request) and not self.has_permission(request):
                raise Http404
            return inner(request, *args, **kwargs)

        return out_of_reach_is_404


def _signed_in(request):
    return request.user.is_authenticated and request.user.is_verified()


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


def application_next_step(application):
    """(url, words): the next thing staff do with an application, for the message that
    ends each action on it."""
    from applications.models import Status
    from forums.models import Membership
    from vetting.models import PncCheck, SuitabilityCase

    reference = application.reference
    status = application.status
    if status == Status.ONBOARDING:
        url = reverse("admin:applications_application_onboarding", args=[application.pk])
        return url, _("Record the onboarding conversation")
    if status == Status.PNC_CHECK:
        check = PncCheck.objects.filter(application=application).first()
        if check is None:
            url = reverse("admin:vetting_pnccheck_request", args=[application.pk])
            return url, _("Record that the PNC check was requested")
        url = reverse("admin:vetting_pnccheck_result", args=[check.pk])
        return url, _("Record the PNC result when it comes")
    if status == Status.PANEL:
        case = SuitabilityCase.objects.filter(check_record__application=application).first()
        if case is not None:
            url = reverse("admin:vetting_suitabilitycase_change", args=[case.pk])
            return url, _("Open the suitability case for %(reference)s") % {"reference": reference}
    if status == Status.ACCEPTED:
        membership = Membership.objects.filter(application=application).first()
        if membership is None:
            url = reverse("admin:forums_membership_make", args=[application.pk])
            return url, _("Choose the forum %(reference)s joins") % {"reference": reference}
        url = reverse("admin:forums_membership_change", args=[membership.pk])
        return url, _("Open the membership of %(reference)s") % {"reference": reference}
    if status in {Status.SUBMITTED, Status.IN_REVIEW, Status.PANEL}:
        url = reverse("admin:applications_application_change", args=[application.pk])
        return url, _("Open %(reference)s") % {"reference": reference}
    return reverse("admin:applications_application_changelist"), _("Back to the applications")
