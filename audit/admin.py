from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.selectors import people_beside_ids
from vvf import admin as vvf_admin
from vvf.admin import ReadOnlyMixin

from .models import AuditEntry
from .services import Action, audit_record, audit_untied


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyMixin, vvf_admin.ModelAdmin):
    """VVF staff read and filter the trail; nobody, superusers included, changes it."""

    list_display = ["at", "actor", "action", "object_type", "object_ref", "detail"]
    list_filter = ["action", "object_type", ("at", admin.DateFieldListFilter)]
    search_fields = ["=object_ref", "=actor_id"]
    readonly_fields = ["actor"]
    list_per_page = 100
    show_full_result_count = False

    # The trail keeps the user's id only; the list and the entry show the person beside
    # it, read when shown (a person since erased shows as the id alone).
    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        people_beside_ids(changelist.result_list, "actor_id")
        return changelist

    @admin.display(description=_("user"), ordering="actor_id")
    def actor(self, entry):
        if not hasattr(entry, "person"):
            people_beside_ids([entry], "actor_id")
        return entry.person


class AuditedAdminMixin:
    """For ModelAdmins of personal data: every view and change is in the audit trail."""

    # A record whose views must not be tied to it, since the page can show criminal
    # record information (decision 15): the view is kept by the day, naming no record.
    untied_views = False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            label = self.model._meta.label_lower
            if self.untied_views:
                audit_untied(actor=request.user, action=Action.VIEW, object_type=label, detail="")
            else:
                audit_record(
                    actor=request.user,
                    action=Action.VIEW,
                    object_type=label,
                    object_id=int(object_id),
                )
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and response.status_code == 200:
            audit_record(
                actor=request.user,
                action=Action.VIEW,
                object_type=self.model._meta.label_lower,
                detail="list",
            )
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action=Action.CHANGE if change else Action.CREATE,
            obj=obj,
            detail="changed: {}" if change else "",
            fields=form.changed_data if change else (),
        )

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        audit_record(
            actor=request.user,
            action=Action.DELETE,
            object_type=self.model._meta.label_lower,
            object_id=pk,
        )

    def delete_queryset(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for pk in pks:
            audit_record(
                actor=request.user,
                action=Action.DELETE,
                object_type=self.model._meta.label_lower,
                object_id=pk,
            )
