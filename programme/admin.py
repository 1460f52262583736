"""The organisations and forums in the admin. The forums app adds each forum's
capacity warning and representation page (forums/admin/forums.py)."""

from django.contrib import admin

from vvf import admin as vvf_admin

from .models import PILOT_SLUG, Forum, Organisation
from .signals import forum_people_changed


@admin.register(Organisation)
class OrganisationAdmin(vvf_admin.ModelAdmin):
    list_display = ["name", "kind"]
    filter_horizontal = ["members"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for forum in form.instance.forums.all():
            forum_people_changed.send(sender=Forum, forum=forum)


@admin.register(Forum)
class ForumAdmin(vvf_admin.ModelAdmin):
    list_display = ["name", "run_by", "is_recruiting", "launch_date", "tenure_ends_on"]
    list_filter = ["run_by", "is_recruiting"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["facilitators", "mps_representatives", "mopac_representatives"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        forum_people_changed.send(sender=Forum, forum=form.instance)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # "The pilot forum is not open for applications" is said on the pilot only.
        if obj is None or obj.slug != PILOT_SLUG:
            kwargs["help_texts"] = {**kwargs.get("help_texts", {}), "is_recruiting": ""}
        return super().get_form(request, obj, change, **kwargs)
