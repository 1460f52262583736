from django.contrib import admin

from .models import Forum, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name", "run_by", "is_recruiting", "launch_date"]
    list_filter = ["run_by", "is_recruiting"]
    prepopulated_fields = {"slug": ["name"]}
