"""The admin's organisations and forums, with each forum's representation page."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import Action, audit_record
from vvf import admin as vvf_admin
from vvf.admin import admin_page

from .. import imports, representation
from ..models import MEMBERS_AT_MOST, Forum, Organisation
from ..permissions import sync_forum_access


@admin.register(Organisation)
class OrganisationAdmin(vvf_admin.ModelAdmin):
    list_display = ["name", "kind"]
    filter_horizontal = ["members"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for forum in form.instance.forums.all():
            sync_forum_access(forum)


@admin.register(Forum)
class ForumAdmin(vvf_admin.ModelAdmin):
    list_display = ["name", "run_by", "is_recruiting", "launch_date", "tenure_ends_on"]
    list_filter = ["run_by", "is_recruiting"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["facilitators", "mps_representatives", "mopac_representatives"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        sync_forum_access(form.instance)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # "The pilot forum is not open for applications" is said on the pilot only.
        if obj is None or obj.slug != imports.PILOT_SLUG:
            kwargs["help_texts"] = {**kwargs.get("help_texts", {}), "is_recruiting": ""}
        return super().get_form(request, obj, change, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        forum = self.get_object(request, object_id)
        if forum is not None and forum.over_capacity:
            messages.warning(
                request,
                _("This forum has more than %(most)s members.") % {"most": MEMBERS_AT_MOST},
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/representation/",
                wrap(self.representation_view),
                name="forums_forum_representation",
            ),
            *super().get_urls(),
        ]

    def representation_view(self, request, pk):
        if not request.user.has_perm("forums.view_forum"):
            raise PermissionDenied
        forum = get_object_or_404(Forum, pk=pk)
        made_up = representation.forum_composition(forum, timezone.localdate())
        audit_record(actor=request.user, action=Action.VIEW, obj=forum, detail="representation")
        return admin_page(
            self,
            request,
            "admin/forums/representation.html",
            original=forum,
            total=made_up["total"],
            too_few=made_up["too_few"],
            topics=made_up["topics"],
            fewest_shown=representation.FEWEST_SHOWN,
            title=_("%(forum)s: representation compared with London") % {"forum": forum.name},
        )
