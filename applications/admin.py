from django.contrib import admin

from .models import Application


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["reference", "status", "submitted_at"]
    list_filter = ["status", "forums"]
    search_fields = ["reference", "full_name", "email"]
    readonly_fields = ["reference", "full_name", "email", "forums", "submitted_at"]

    def has_delete_permission(self, request, obj=None):
        return False
