"""Each forum's page in the admin gains, from the forums app, the warning when it has
more members than it should and its representation page; the rest of the forum's admin
is the programme app's (programme/admin.py)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import Action, audit_record
from programme import admin as programme_admin
from programme.models import Forum
from vvf.admin import admin_page

from .. import representation
from ..models import MEMBERS_AT_MOST, over_capacity

admin.site.unregister(Forum)


@admin.register(Forum)
class ForumAdmin(programme_admin.ForumAdmin):
    def change_view(self, request, object_id, form_url="", extra_context=None):
        forum = self.get_object(request, object_id)
        if forum is not None and over_capacity(forum):
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
                name="programme_forum_representation",
            ),
            *super().get_urls(),
        ]

    def representation_view(self, request, pk):
        if not request.user.has_perm("programme.view_forum"):
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
