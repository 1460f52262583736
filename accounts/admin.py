from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.admin import AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static import admin as otp_static_admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.admin import AuditedAdminMixin
from audit.services import Action, audit_record
from vvf.admin import FormFieldsMixin, ModelAdminMixin

from .models import User
from .signals import roles_changed


@admin.register(User)
class UserAdmin(AuditedAdminMixin, ModelAdminMixin, BaseUserAdmin):
    """VVF staff manage accounts and their roles. Only superusers grant superuser status
    or single permissions, and only superusers change a superuser's account."""

    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    list_filter = ["groups", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name"]}),
        (_("Roles"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]
    filter_horizontal = ["groups"]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_login", "date_joined"]
        if not request.user.is_superuser:
            readonly += ["is_superuser"]
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        """A change of role changes which forums the person works with (forums listens)."""
        super().save_related(request, form, formsets, change)
        roles_changed.send(sender=type(form.instance), user=form.instance)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            audit_record(
                actor=request.user,
                action=Action.CHANGE,
                object_type="accounts.user",
                object_id=int(id),
                detail="password set by staff",
            )
        return response


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(ModelAdminMixin, AxesAccessAttemptAdmin):
    """django-axes' lockouts, each attempt's expiry read with it rather than one by one."""

    list_select_related = ["expiration"]


class StaticTokenInline(FormFieldsMixin, otp_static_admin.StaticTokenInline):
    pass


class StaticDeviceAdmin(otp_static_admin.StaticDeviceAdmin):
    inlines = [StaticTokenInline]


# The libraries' own admins (the groups, the authenticator devices, django-axes' logs),
# registered again with what every admin of the service does (vvf.admin.ModelAdminMixin).
for _model, _library_admin in [
    (Group, GroupAdmin),
    (StaticDevice, StaticDeviceAdmin),
    (TOTPDevice, TOTPDeviceAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
]:
    admin.site.unregister(_model)
    admin.site.register(
        _model, type(_library_admin.__name__, (ModelAdminMixin, _library_admin), {})
    )
