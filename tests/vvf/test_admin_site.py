"""The admin is Django's, configured through its app config and base classes, not by
patching Django: every admin and inline of the service shares what vvf.admin gives."""

from django.contrib import admin
from django.contrib.admin import options

from vvf.admin import FormFieldsMixin, ModelAdminMixin
from vvf.admin_site import VVFAdminSite


def test_the_admin_site_is_the_services_through_its_app_config():
    assert isinstance(admin.site._wrapped, VVFAdminSite)
    assert admin.site.site_header == "Victim Voice Forums admin"


def test_every_admin_and_inline_shares_the_services_base():
    not_ours = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, ModelAdminMixin)
    ]
    inlines_not_ours = [
        inline.__name__
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
        if not issubclass(inline, FormFieldsMixin)
    ]
    assert (not_ours, inlines_not_ours) == ([], [])


def test_django_itself_is_not_patched():
    assert "_get_obj_does_not_exist_redirect" not in vars(options.ModelAdmin) or (
        options.ModelAdmin._get_obj_does_not_exist_redirect.__module__ == options.__name__
    )
    assert options.BaseModelAdmin.formfield_for_dbfield.__module__ == options.__name__
