"""The service's URLs plus one that fails while holding a form's answers."""

from django.urls import path

from applications.views import QuestionForm
from vvf.urls import urlpatterns as service_urlpatterns


def failing_view(request):
    form = QuestionForm(request.POST)
    form.is_valid()
    question = form.cleaned_data["question"]  # noqa: F841  (a local holding the canary)
    raise ValueError(f"could not handle {form.cleaned_data['email']}")


urlpatterns = [path("fail/", failing_view), *service_urlpatterns]
