"""The privacy pages of an application in the admin: the deletions due, holds, subject
access and erasure on request, and the "To do" filter's deletion choices. They extend
applications' admin (registered again here, as Django's admin allows), so that
applications never imports privacy; the pages' URL names stay the applications'."""

import json

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from applications import admin as applications_admin
from applications.admin_filters import ApplicationToDo
from applications.models import Application
from audit.services import Action, audit_record
from vvf.admin import admin_page, done

from . import holds, retention, subject_access
from .admin_forms import EraseForm, HoldForm


class ApplicationToDoWithDeletions(ApplicationToDo):
    """Applications' "To do" choices, and the deletions due and the holds."""

    rules = {
        **ApplicationToDo.rules,
        "deletion": (
            _("Due for deletion within %(days)s days") % {"days": retention.DELETION_DAYS},
            lambda qs: qs.filter(retention.due_within(retention.DELETION_DAYS)),
        ),
        "held": (_("Held from deletion"), lambda qs: qs.filter(holds.held())),
    }


admin.site.unregister(Application)


@admin.register(Application)
class ApplicationAdmin(applications_admin.ApplicationAdmin):
    list_filter = [
        ApplicationToDoWithDeletions if chosen is ApplicationToDo else chosen
        for chosen in applications_admin.ApplicationAdmin.list_filter
    ]
    change_form_template = "admin/privacy/application_change_form.html"
    change_list_template = "admin/privacy/application_change_list.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/hold/", wrap(self.hold_view), name="applications_application_hold"),
            path(
                "<int:pk>/subject-access/",
                wrap(self.subject_access_view),
                name="applications_application_subject_access",
            ),
            path("<int:pk>/erase/", wrap(self.erase_view), name="applications_application_erase"),
            path(
                "retention/", wrap(self.retention_view), name="applications_application_retention"
            ),
            *super().get_urls(),
        ]

    def retention_view(self, request):
        """What the retention sweep will delete in the next 30 days, holds shown."""
        if not self.can_act(request):
            raise PermissionDenied
        return admin_page(
            self,
            request,
            "admin/privacy/retention.html",
            upcoming=list(retention.upcoming(days=retention.DELETION_DAYS)),
            title=_("Deletions in the next 30 days"),
        )

    def hold_view(self, request, pk):
        application = self._application(request, pk)
        hold = getattr(application, "retention_hold", None)
        form = HoldForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and "lift" in request.POST and hold is not None:
            holds.hold_lift(application=application, by=request.user)
            done(
                request,
                _("The hold on %(reference)s is lifted: the retention rules apply to it again.")
                % {"reference": application.reference},
                (
                    reverse("admin:applications_application_retention"),
                    _("See the deletions in the next 30 days"),
                ),
            )
            return redirect("admin:applications_application_change", application.pk)
        if request.method == "POST" and form.is_valid():
            holds.hold_place(
                application=application, reason=form.cleaned_data["reason"], by=request.user
            )
            done(
                request,
                _(
                    "%(reference)s is held: the retention sweep will not delete it until the hold "
                    "is lifted."
                )
                % {"reference": application.reference},
                (
                    reverse("admin:applications_application_retention"),
                    _("See the holds and the deletions in the next 30 days"),
                ),
            )
            return redirect("admin:applications_application_change", application.pk)
        return self._page(
            request,
            application,
            "admin/privacy/hold.html",
            form=form,
            hold=hold,
            title=_("Hold from deletion"),
        )

    def subject_access_view(self, request, pk):
        """Everything held about the person, for a subject access request: a page, or
        with ?format=json a file to send them."""
        application = self._application(request, pk)
        data = subject_access.subject_data(application)
        as_json = request.GET.get("format") == "json"
        audit_record(
            actor=request.user,
            action=Action.EXPORT,
            obj=application,
            detail="subject access, JSON file" if as_json else "subject access, page",
        )
        if as_json:
            response = HttpResponse(
                json.dumps(data, indent=2, ensure_ascii=False),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="subject-access-{application.reference}.json"'
            )
            response["Cache-Control"] = "no-store"
            return response
        return self._page(
            request,
            application,
            "admin/privacy/subject_access.html",
            sections=subject_access.sections(data),
            title=_("Everything held"),
        )

    def erase_view(self, request, pk):
        """Erasure on request: the person and everything held about them, deleted by
        the retention code, audited with the reason."""
        application = self._application(request, pk)
        form = EraseForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            reference = application.reference
            retention.erase(
                application=application, reason=form.cleaned_data["reason"], by=request.user
            )
            done(
                request,
                _(
                    "%(reference)s has been erased with everything held about them. The audit "
                    "trail keeps the record's number and the reason."
                )
                % {"reference": reference},
                (
                    reverse("admin:applications_application_changelist"),
                    _("Back to the applications"),
                ),
            )
            return redirect("admin:applications_application_changelist")
        return self._page(
            request,
            application,
            "admin/privacy/erase.html",
            form=form,
            title=_("Erase on request"),
        )
