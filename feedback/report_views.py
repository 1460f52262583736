"""Monthly reports: for police leads and VVF staff only; everyone else gets 404.

A report leaves the service only as an encrypted spreadsheet: the password is shown
once, on the page that offers the one download (vvf.secure_export)."""

import datetime

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import VVF_STAFF, has_role, role_required
from audit.services import Action, audit_record
from programme.models import Forum
from vvf import secure_export
from vvf.crispy_govuk import FormHelper, Submit
from vvf.dates import previous_month

from . import reports as monthly
from .models import MonthlyReport
from .permissions import REPORT_READERS
from .report_exports import report_filename, report_workbook

MONTHS_OFFERED = 24
ALL_FORUMS = "all"


def _months(today):
    """The current month and the 23 before it, newest first."""
    month = today.replace(day=1)
    months = []
    for _i in range(MONTHS_OFFERED):
        months.append(month)
        month = previous_month(month)
    return months


class GenerateForm(forms.Form):
    helper = FormHelper("month", "forum", Submit(gettext_lazy("Generate the report")))
    month = forms.TypedChoiceField(
        label=gettext_lazy("Month"),
        coerce=datetime.date.fromisoformat,
        error_messages={"required": gettext_lazy("Select the month")},
    )
    forum = forms.ChoiceField(
        label=gettext_lazy("Forum"),
        error_messages={"required": gettext_lazy("Select a forum, or all forums")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [("", _("Select a month"))] + [
            (month.isoformat(), dateformat.format(month, "F Y"))
            for month in _months(timezone.localdate())
        ]
        self.fields["forum"].choices = [(ALL_FORUMS, _("All forums"))] + [
            (forum.slug, forum.name) for forum in Forum.objects.order_by("position", "name")
        ]

    def clean_forum(self):
        slug = self.cleaned_data["forum"]
        return None if slug == ALL_FORUMS else Forum.objects.get(slug=slug)


def _list_page(request, form):
    return render(
        request,
        "feedback/reports.html",
        {"form": form, "reports": MonthlyReport.objects.select_related("forum")},
        status=400 if form.errors else 200,
    )


@role_required(*REPORT_READERS)
@require_GET
def reports(request):
    return _list_page(request, GenerateForm())


@role_required(*REPORT_READERS)
@require_POST
def report_generate(request):
    form = GenerateForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form)
    data = form.cleaned_data
    existing = MonthlyReport.objects.filter(month=data["month"], forum=data["forum"]).first()
    month_over = data["month"] < timezone.localdate().replace(day=1)
    if existing and month_over and not has_role(request.user, VVF_STAFF):
        # A report of a past month reads the same later: only VVF staff regenerate it.
        messages.info(request, _("This month’s report was already generated."))
        return redirect("feedback:report", existing.pk)
    report = monthly.report_generate(month=data["month"], forum=data["forum"])
    audit_record(actor=request.user, action=Action.CREATE, obj=report, detail="generated")
    messages.success(request, _("The report is generated."))
    return redirect("feedback:report", report.pk)


def _get_report(user, pk):
    return get_object_or_404(MonthlyReport.objects.select_related("forum"), pk=pk)


def _for_display(content):
    """The stored content with its ISO dates as dates, for the template's date filter."""

    def dated(row, *keys):
        return {**row, **{key: datetime.date.fromisoformat(row[key]) for key in keys}}

    return {
        **content,
        "age_at": datetime.date.fromisoformat(content["age_at"]),
        "items_by_theme": [
            {**group, "items": [dated(item, "meeting") for item in group["items"]]}
            for group in content["items_by_theme"]
        ],
        "movements": [dated(row, "date") for row in content["movements"]],
        "outstanding": [dated(row, "raised") for row in content["outstanding"]],
    }


@role_required(*REPORT_READERS)
@require_GET
def report(request, pk):
    report = _get_report(request.user, pk)
    audit_record(actor=request.user, action=Action.VIEW, obj=report)
    return render(
        request, "feedback/report.html", {"report": report, "c": _for_display(report.content)}
    )


@role_required(*REPORT_READERS)
@require_POST
def report_xlsx(request, pk):
    report = _get_report(request.user, pk)
    token, password = secure_export.prepare(
        report_workbook(report), report_filename(report), user=request.user
    )
    audit_record(actor=request.user, action=Action.EXPORT, obj=report, detail="encrypted XLSX")
    return render(
        request,
        "feedback/report_download.html",
        {"report": report, "token": token, "password": password},
    )


@role_required(*REPORT_READERS)
@require_GET
def report_download(request, token):
    return secure_export.download_response(token, user=request.user)
