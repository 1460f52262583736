from collections import defaultdict

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaks
from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditedAdminMixin
from audit.services import Action, audit_record
from languages.services import name_of as language_name
from vvf import admin as vvf_admin
from vvf import secure_export
from vvf.admin import ReadOnlyMixin, admin_page, done, person_or_dash
from vvf.labels import label_of

from . import exports, services
from .admin_filters import ApplicationToDo
from .admin_forms import ConsentDocumentForm, ExportForm, OnboardingForm, TransitionForm
from .models import (
    Application,
    ApplicationEvent,
    Consent,
    ConsentDocument,
    EqualityMonitoring,
    OnboardingConversation,
    Status,
)
from .next_steps import application_next_step


def english_wording(document):
    """The English wording a translation stands for, in full: staff always read it."""
    if document.translates_id is None:
        return "-"
    english = document.translates
    return format_html(
        "<strong>{} v{}</strong>{}", english.title, english.version, linebreaks(english.body)
    )


class ReadOnlyInline(ReadOnlyMixin, vvf_admin.TabularInline):
    extra = 0
    can_delete = False


class ConsentInline(ReadOnlyInline):
    """Each answer with the wording shown, in the language it was shown in, and the
    English wording that counts beside it."""

    model = Consent
    verbose_name_plural = _("Consent register")
    fields = ["document", "shown_in", "given", "recorded_at", "english_wording"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document__translates")

    @admin.display(description=_("shown in"))
    def shown_in(self, consent):
        return language_name(consent.document.language)

    @admin.display(description=_("English wording"))
    def english_wording(self, consent):
        return english_wording(consent.document)


class EventInline(ReadOnlyInline):
    model = ApplicationEvent
    verbose_name_plural = _("Timeline")
    fields = ["at", "from_status", "to_status", "by_person", "by_applicant", "reason"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    @admin.display(description=_("by"))
    def by_person(self, event):
        return event.by.name_and_email() if event.by else "-"


class OnboardingInline(ReadOnlyInline):
    model = OnboardingConversation
    fields = ["held_on", "staff_person", "outcome", "notes", "recorded_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("staff")

    @admin.display(description=_("staff"))
    def staff_person(self, conversation):
        return conversation.staff.name_and_email() if conversation.staff else "-"


class EqualityInline(ReadOnlyMixin, vvf_admin.StackedInline):
    model = EqualityMonitoring
    can_delete = False
    verbose_name_plural = _("Equality monitoring (optional answers; special category data)")
    readonly_fields = EqualityMonitoring.ANSWER_FIELDS
    fields = readonly_fields


STATUS_LABEL = label_of(Application, "status")
BOROUGH_LABEL = label_of(Application, "borough")


class ApplicationChangeList(ChangeList):
    """The staff list: the columns it shows, and each row's forums as names from one
    query (a prefetch built a Forum and a queryset for every row: most of the page's
    time, docs/performance.md)."""

    COLUMNS = ["reference", "status", "borough", "submitted_at"]

    def get_results(self, request):
        super().get_results(request)
        # The page's rows only (the export takes the whole queryset, every column).
        rows = list(self.result_list.only(*self.COLUMNS))
        names = defaultdict(list)
        chosen = Application.forums.through.objects.filter(application__in=rows)
        for application_id, name in chosen.order_by("forum__name").values_list(
            "application_id", "forum__name"
        ):
            names[application_id].append(name)
        for row in rows:
            row.forum_names = ", ".join(names[row.pk])
        self.result_list = rows


@admin.register(Application)
class ApplicationAdmin(AuditedAdminMixin, ReadOnlyMixin, vvf_admin.ModelAdmin):
    list_display = ["reference", "status_label", "forums_list", "borough_label", "submitted_at"]
    list_filter = [
        ApplicationToDo,
        "status",
        "forums",
        "borough",
        ("submitted_at", admin.DateFieldListFilter),
    ]
    search_fields = ["=reference", "full_name", "email"]
    list_per_page = 100
    show_full_result_count = False
    fieldsets = [
        (
            _("Application"),
            {"fields": ["reference", "status", "submitted_at", "closed_at", "forums"]},
        ),
        (_("Eligibility"), {"fields": ["date_of_birth", "connection_to_london"]}),
        (
            _("About the applicant"),
            {
                "fields": [
                    "full_name",
                    "preferred_name",
                    "email",
                    "phone",
                    "postcode",
                    "borough",
                    "contact_method",
                    "safe_to_leave_messages",
                    "contact_times",
                    "support_needed",
                    "access_needs_other",
                ]
            },
        ),
        (_("Why they want to join"), {"fields": ["why_join", "interested_in_accountability"]}),
    ]
    inlines = [EventInline, OnboardingInline, ConsentInline, EqualityInline]

    def get_changelist(self, request, **kwargs):
        return ApplicationChangeList

    def get_ordering(self, request):
        # Waiting for review: the oldest first, as the programme home lists them.
        if request.GET.get(ApplicationToDo.parameter_name) == ApplicationToDo.REVIEW:
            return ["submitted_at"]
        return super().get_ordering(request)

    # Labels read once (vvf/labels.py), not a dict of every choice built at each row.
    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        return STATUS_LABEL(obj)

    @admin.display(description=_("borough"), ordering="borough")
    def borough_label(self, obj):
        return BOROUGH_LABEL(obj)

    @admin.display(description=_("forums"))
    def forums_list(self, obj):
        return obj.forum_names  # set by ApplicationChangeList

    @admin.display(description=_("connection to London"))
    def connection_to_london(self, obj):
        return obj.get_london_connection_display()

    @admin.display(description=_("support needed"))
    def support_needed(self, obj):
        return obj.get_access_needs_display() or "-"

    def get_readonly_fields(self, request, obj=None):
        return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]

    # Applications arrive through the public form and leave through the retention rules.

    def can_act(self, request):
        return request.user.has_perm("applications.change_application")

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("export/", wrap(self.export_view), name="applications_application_export"),
            path(
                "export/download/<str:token>/",
                wrap(self.export_download_view),
                name="applications_application_export_download",
            ),
            path("<int:pk>/move/", wrap(self.move_view), name="applications_application_move"),
            path(
                "<int:pk>/onboarding/",
                wrap(self.onboarding_view),
                name="applications_application_onboarding",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_act": self.can_act(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # With the application the page has read already, rather than reading it again.
        context["can_record_onboarding"] = obj is not None and services.onboarding_allowed(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_act": self.can_act(request)}
        return super().changelist_view(request, extra_context)

    def _application(self, request, pk):
        if not self.can_act(request):
            raise PermissionDenied
        return get_object_or_404(Application, pk=pk)

    def _page(self, request, application, template, **context):
        return admin_page(
            self, request, template, original=application, application=application, **context
        )

    def move_view(self, request, pk):
        application = self._application(request, pk)
        form = TransitionForm(
            request.POST if request.method == "POST" else None, application=application
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.application_transition(
                    application=application,
                    to_status=form.cleaned_data["to_status"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except services.TransitionNotAllowed as refused:
                messages.error(request, str(refused))
            else:
                audit_record(
                    actor=request.user,
                    action=Action.DECISION,
                    obj=application,
                    detail="status {}",
                    values=[Status(application.status)],
                )
                done(
                    request,
                    _("%(reference)s is now ‘%(status)s’.")
                    % {"reference": application, "status": application.get_status_display()},
                    application_next_step(application),
                )
            return redirect("admin:applications_application_change", application.pk)
        return self._page(
            request, application, "admin/applications/move.html", form=form, title=_("Move")
        )

    def onboarding_view(self, request, pk):
        application = self._application(request, pk)
        if not services.onboarding_allowed(application):
            messages.error(
                request,
                _(
                    "An onboarding conversation can be recorded once, while the application is "
                    "at the onboarding stage."
                ),
            )
            return redirect("admin:applications_application_change", application.pk)
        form = OnboardingForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            if form.needs_preview():
                preview = render_to_string(
                    f"emails/application-closed-{form.closing_status.lower().replace('_', '-')}"
                    "-body.txt",
                    {"application": application},
                )
                return self._page(
                    request,
                    application,
                    "admin/applications/onboarding.html",
                    form=form,
                    preview=preview,
                    title=_("Check the email"),
                )
            try:
                services.onboarding_record(
                    application=application,
                    held_on=form.cleaned_data["held_on"],
                    staff=request.user,
                    outcome=form.cleaned_data["outcome"],
                    notes=form.cleaned_data["notes"],
                )
            except services.TransitionNotAllowed as refused:
                messages.error(request, str(refused))
            else:
                audit_record(
                    actor=request.user,
                    action=Action.DECISION,
                    obj=application,
                    detail="onboarding {}",
                    values=[OnboardingConversation.Outcome(form.cleaned_data["outcome"])],
                )
                application.refresh_from_db()
                done(
                    request,
                    _(
                        "The onboarding conversation for %(reference)s is recorded: it is now "
                        "‘%(status)s’."
                    )
                    % {"reference": application, "status": application.get_status_display()},
                    application_next_step(application),
                )
            return redirect("admin:applications_application_change", application.pk)
        return self._page(
            request,
            application,
            "admin/applications/onboarding.html",
            form=form,
            title=_("Record the onboarding conversation"),
        )

    def export_view(self, request):
        """The filtered list as an encrypted spreadsheet; the password is shown once."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        form = ExportForm(request.POST if request.method == "POST" else None)
        context = {
            "form": form,
            "count": changelist.result_count,
            "query": request.GET.urlencode(),
            "title": _("Export applications"),
        }
        if request.method == "POST" and form.is_valid():
            include_equality = form.cleaned_data["include_equality"]
            queryset = changelist.get_queryset(request)
            plain = exports.applications_workbook(queryset, include_equality=include_equality)
            token, password = secure_export.prepare(
                plain, f"applications-{timezone.localdate():%Y-%m-%d}.xlsx", user=request.user
            )
            audit_record(
                actor=request.user,
                action=Action.EXPORT,
                object_type="applications.application",
                detail="{} rows, with equality answers" if include_equality else "{} rows",
                values=[changelist.result_count],
            )
            context.update(token=token, password=password, title=_("Download the spreadsheet"))
            return admin_page(self, request, "admin/applications/export_ready.html", **context)
        return admin_page(self, request, "admin/applications/export.html", **context)

    def export_download_view(self, request, token):
        return secure_export.download_response(token, user=request.user)


@admin.register(ConsentDocument)
class ConsentDocumentAdmin(vvf_admin.ModelAdmin):
    """New wordings are published as new versions; a published one never changes."""

    list_display = ["kind", "language_shown", "version", "title", "published_at"]
    list_filter = ["kind", "language"]
    fields = ["kind", "language", "title", "body"]
    form = ConsentDocumentForm

    @admin.display(description=_("language"), ordering="language")
    def language_shown(self, document):
        return language_name(document.language)

    @admin.display(description=_("English wording"))
    def english_wording(self, document):
        return english_wording(document)

    @admin.display(description=_("connection to London"))
    def connection_to_london(self, obj):
        return obj.get_london_connection_display()

    @admin.display(description=_("support needed"))
    def support_needed(self, obj):
        return obj.get_access_needs_display() or "-"

    def get_readonly_fields(self, request, obj=None):
        readonly = [
            "kind",
            "language_shown",
            "version",
            "title",
            "body",
            "english_wording",
            "published_at",
            "published_by_person",
        ]
        return readonly if obj else []

    @admin.display(description=_("published by"))
    def published_by_person(self, document):
        return person_or_dash(document.published_by)

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj) if obj else self.fields

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        published = services.consent_document_publish(
            kind=obj.kind, title=obj.title, body=obj.body, by=request.user, language=obj.language
        )
        obj.pk = published.pk
        obj.version = published.version
