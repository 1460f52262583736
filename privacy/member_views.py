"""A member's own information, at /member/your-information/: what the service holds about
them (the subject access view, less staff's own notes), when it is deleted and why, their
contact details, a way to ask staff to correct something (sent, never stored), and
leaving the forum. Open to a member who has not agreed to new Terms of Reference too:
they may want to see their information, or leave, rather than agree."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from applications.forms import ContactDetailsForm
from applications.services import application_update_contact
from forums.member_views import member_signed_in
from forums.services.memberships import MembershipError, membership_leave
from vvf import outbox

from . import retention, tasks
from .forms import CorrectionForm
from .subject_access import member_view, sections, subject_data


@require_http_methods(["GET"])
@member_signed_in
def your_information(request):
    membership = request.membership
    deleted_on, why = retention.member_deletion(membership)
    return render(
        request,
        "members/your_information.html",
        {
            "membership": membership,
            "sections": sections(member_view(subject_data(membership.application))),
            "deleted_on": deleted_on,
            "deletion_why": why,
        },
    )


@require_http_methods(["GET", "POST"])
@member_signed_in
def contact_details(request):
    application = request.membership.application
    form = ContactDetailsForm.of(application, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        application_update_contact(application=application, **form.contact_fields())
        messages.success(request, _("Your contact details have been updated."))
        return redirect("your-information:index")
    return render(
        request,
        "members/contact_details.html",
        {"form": form, "back_url": reverse("your-information:index")},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@member_signed_in
def correction(request):
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Never stored, so not through the outbox: when it cannot be sent now, we say so
        # and keep what they wrote on the page.
        if outbox.publish_now(
            tasks.send_correction_request, request.membership.pk, form.cleaned_data["what"]
        ):
            return redirect("your-information:correction-sent")
        form.add_error(
            None,
            _(
                "Sorry, we could not send your message just now. What you wrote is still "
                "here: please try again in a few minutes."
            ),
        )
    return render(
        request,
        "members/correction.html",
        {"form": form, "back_url": reverse("your-information:index")},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
@member_signed_in
def correction_sent(request):
    return render(request, "members/correction_sent.html")


@require_http_methods(["GET", "POST"])
@member_signed_in
def leave(request):
    """A kind confirmation; leaving ends the tenure today and starts the retention clock,
    as staff's "leave" does, and signs the member out."""
    membership = request.membership
    if request.method == "POST":
        try:
            membership_leave(membership=membership, left_on=timezone.localdate())
        except MembershipError as refused:
            messages.error(request, str(refused))
            return redirect("your-information:index")
        membership.refresh_from_db()
        deleted_on, why = retention.member_deletion(membership)
        request.session.flush()
        return render(
            request,
            "members/left.html",
            {"forum": membership.forum, "deleted_on": deleted_on, "deletion_why": why},
        )
    return render(request, "members/leave.html", {"membership": membership})
