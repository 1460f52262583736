"""The public application form, the applicant's status page and the question form."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from vvf import outbox
from vvf.abuse import protect

from . import services, tasks
from .forms import ContactDetailsForm, QuestionForm, SaveForm, WithdrawForm
from .journey import STEPS, STEPS_BY_SLUG, Journey
from .models import Status

INELIGIBLE_REASONS = {"age", "london", "victim", "pnc", "confidentiality"}
DONE_KEY = "apply_done"


def _step_url(step, change=False):
    url = reverse("applications:step", args=[step.slug])
    return f"{url}?change=1" if change else url


def _check_url():
    return reverse("applications:check")


@require_http_methods(["GET"])
def apply_start(request):
    """Where the start page's button leads: the first page not yet answered."""
    journey = Journey(request.session)
    first = journey.first_incomplete()
    return redirect(_step_url(first) if first else _check_url())


@require_http_methods(["GET", "POST"])
def step(request, slug):
    current = STEPS_BY_SLUG.get(slug)
    if current is None:
        raise Http404
    journey = Journey(request.session)
    missing = journey.first_incomplete(before=current)
    if missing is not None:
        return redirect(_step_url(missing))
    changing = request.GET.get("change") == "1"

    if request.method == "POST":
        form = journey.form(current, request.POST)
        valid = form.is_valid()
        reason = form.ineligible_reason() if valid else None
        if reason:
            # Nothing from an ineligible attempt is kept, saved for later or not.
            journey.clear()
            return redirect("applications:ineligible", reason=reason)
        if "save" in request.POST:
            # Kept as typed, even with mistakes: they are shown again on return.
            journey.store(current, form)
            return redirect("applications:save")
        if valid:
            journey.store(current, form)
            if changing:
                after = journey.first_incomplete()
                return redirect(_step_url(after, change=True) if after else _check_url())
            following = journey.next(current)
            return redirect(_step_url(following) if following else _check_url())
    else:
        form = journey.stored_form(current) or journey.form(current)
    # Looking at a page, or sending one back with mistakes, counts as activity: the
    # session's clock starts again, as the timeout warning's does.
    journey.touch()

    form.caption = current.section
    previous = journey.previous(current)
    back_url = _check_url() if changing else (_step_url(previous) if previous else reverse("start"))
    return render(
        request,
        current.template,
        {
            "step": current,
            "form": form,
            "back_url": back_url,
            "changing": changing,
            "timeout_seconds": journey.seconds_left(),
            "session_seconds": request.session.get_expiry_age(),
        },
    )


@require_http_methods(["GET", "POST"])
@protect("apply-submit")
def check_answers(request):
    journey = Journey(request.session)
    if request.method == "POST" and not journey.has_answers() and request.session.get(DONE_KEY):
        # A refresh or second click after the application was sent.
        return redirect("applications:confirmation")
    missing = journey.first_incomplete(check=True)
    if missing is not None:
        return redirect(_step_url(missing))

    if request.method == "POST":
        application, _created = services.application_submit(
            answers=journey.application_fields(),
            consents=journey.consents(),
            submission_key=journey.submission_key,
        )
        journey.clear()
        request.session[DONE_KEY] = application.reference
        return redirect("applications:confirmation")
    return render(
        request,
        "applications/check_answers.html",
        {"sections": journey.summary(), "back_url": _step_url(STEPS[-1])},
    )


@require_POST
def keep_alive(request):
    """The timeout warning's "carry on": the session's clock starts again."""
    Journey(request.session).touch(every=0)
    request.session.modified = True
    return HttpResponse(status=204)


@require_http_methods(["GET"])
def confirmation(request):
    reference = request.session.get(DONE_KEY)
    if not reference:
        return redirect("applications:start")
    return render(request, "applications/confirmation.html", {"reference": reference})


@require_http_methods(["GET"])
def ineligible(request, reason):
    if reason not in INELIGIBLE_REASONS:
        raise Http404
    return render(request, "applications/ineligible.html", {"reason": reason})


# Save and come back later ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@protect("apply-save")
def save_for_later(request):
    journey = Journey(request.session)
    if not journey.has_answers():
        return redirect("applications:start")
    form = SaveForm(
        request.POST if request.method == "POST" else None, initial={"email": journey.email()}
    )
    if request.method == "POST" and form.is_valid():
        services.draft_save(
            email=form.cleaned_data["email"],
            answers=journey.state["answers"],
            language=get_language(),
        )
        journey.clear()
        return redirect("applications:saved")
    first = journey.first_incomplete()
    return render(
        request,
        "applications/save.html",
        {"form": form, "back_url": _step_url(first) if first else _check_url()},
    )


@require_http_methods(["GET"])
def saved(request):
    return render(request, "applications/saved.html")


@require_http_methods(["GET", "POST"])
def resume(request, token):
    """Opening the link shows a button; only pressing it uses the link up, so a mail
    scanner that opens links in advance does not spend it."""
    if request.method == "GET":
        if not services.draft_exists(token):
            return render(request, "applications/link_expired.html", status=404)
        return render(request, "applications/resume.html")
    answers = services.draft_resume(token)
    if answers is None:
        return render(request, "applications/link_expired.html", status=404)
    journey = Journey(request.session)
    journey.load(answers)
    first = journey.first_incomplete()
    return redirect(_step_url(first) if first else _check_url())


# The applicant's private status page -----------------------------------------------------


def _link_not_working(request):
    """A status link that leads to no application (mistyped, cut short, revoked, or the
    application deleted): a page of our own, as resume has, whatever DEBUG says."""
    return render(request, "applications/status_not_found.html", status=404)


@require_http_methods(["GET"])
def status(request, token):
    application = services.application_from_status_token(token)
    if application is None:
        return _link_not_working(request)
    return render(
        request,
        "applications/status.html",
        {"application": application, "token": token, "Status": Status},
    )


@require_http_methods(["GET", "POST"])
def status_contact(request, token):
    application = services.application_from_status_token(token)
    if application is None:
        return _link_not_working(request)
    form = ContactDetailsForm.of(application, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.application_update_contact(application=application, **form.contact_fields())
        messages.success(request, _("Your contact details have been updated."))
        return redirect("applications:status", token=token)
    return render(
        request,
        "applications/status_contact.html",
        {"form": form, "back_url": reverse("applications:status", args=[token])},
    )


@require_http_methods(["GET", "POST"])
def status_withdraw(request, token):
    application = services.application_from_status_token(token)
    if application is None:
        return _link_not_working(request)
    if not application.is_open:
        return redirect("applications:status", token=token)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm"] == "YES":
            try:
                services.application_withdraw(application=application)
            except services.TransitionNotAllowed:
                pass  # a second click, or it closed meanwhile: the status page says so
            else:
                messages.success(request, _("Your application has been withdrawn."))
        return redirect("applications:status", token=token)
    return render(
        request,
        "applications/status_withdraw.html",
        {"form": form, "back_url": reverse("applications:status", args=[token])},
    )


# Ask us a question -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@protect("question")
def question(request):
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Never stored, so not through the outbox: when it cannot be sent now, we say so
        # and keep what they wrote on the page.
        if outbox.publish_now(
            tasks.send_question, form.cleaned_data["email"], form.cleaned_data["question"]
        ):
            return redirect("applications:question-sent")
        form.add_error(
            None,
            _(
                "Sorry, we could not send your question just now. What you wrote is still "
                "here: please try again in a few minutes."
            ),
        )
    return render(request, "applications/question.html", {"form": form})


@require_http_methods(["GET"])
def question_sent(request):
    return render(request, "applications/question_sent.html")
