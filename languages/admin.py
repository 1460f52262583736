"""Staff record a professional translator's check of a translation here: only then does
the public see it. Until then staff preview it at its prefix (/pl/, /ar/)."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.services import Action, audit_record
from vvf import admin as vvf_admin

from . import services
from .models import TranslationCheck


def start_page_in(code):
    """The start page's address in `code`, by i18n_patterns' own rule."""
    with translation.override(code):
        return reverse("start")


class TranslationCheckForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"))

    class Meta:
        model = TranslationCheck
        fields = ["language", "checked_by", "checked_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, services.name_of(code)) for code in services.translations()
        ]


class TranslationCheckChangeForm(forms.ModelForm):
    """A check is of one language: another language's is recorded anew."""

    class Meta:
        model = TranslationCheck
        fields = ["checked_by", "checked_on"]


@admin.register(TranslationCheck)
class TranslationCheckAdmin(vvf_admin.ModelAdmin):
    """A check recorded makes the language live; deleting it makes it a draft again."""

    form = TranslationCheckForm
    list_display = ["language_name", "checked_by", "checked_on", "preview"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:
            kwargs["form"] = TranslationCheckChangeForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return ["language", *self.readonly_fields] if obj else self.readonly_fields

    @admin.display(description=_("language"), ordering="language")
    def language_name(self, check):
        return services.name_of(check.language)

    @admin.display(description=_("pages"))
    def preview(self, check):
        return format_html(
            '<a href="{}">{}</a>', start_page_in(check.language), _("Open the start page")
        )

    def changelist_view(self, request, extra_context=None):
        drafts = [
            (services.name_of(code), start_page_in(code))
            for code in services.translations()
            if services.is_draft(code)
        ]
        return super().changelist_view(request, {**(extra_context or {}), "drafts": drafts})

    def save_model(self, request, obj, form, change):
        check = services.translation_check_record(
            language=obj.language,
            checked_by=obj.checked_by,
            checked_on=obj.checked_on,
            by=request.user,
        )
        obj.pk = check.pk
        action = Action.CHANGE if change else Action.CREATE
        audit_record(actor=request.user, action=action, obj=check)

    def delete_model(self, request, obj):
        services.translation_check_withdraw(language=obj.language)
        audit_record(
            actor=request.user,
            action=Action.DELETE,
            object_type=TranslationCheck._meta.label_lower,
            object_id=obj.pk,
        )

    def delete_queryset(self, request, queryset):
        for check in queryset:
            self.delete_model(request, check)
