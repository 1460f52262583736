from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from feedback import you_said_views

from . import views

handler400 = "vvf.views.bad_request"  # a request too large to read has its own page
handler403 = "vvf.views.not_found"  # out of reach answers 404: existence is not revealed

# The public pages and the application, in each language the service speaks: English
# at these paths, the others under their prefix (/easy-read/, /pl/). A link drawn on one
# keeps its language.
translated = i18n_patterns(
    path("", views.start, name="start"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
    path("", include("applications.urls")),
    prefix_default_language=False,
)

urlpatterns = translated + [
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("panel/", include("vetting.urls")),
    path("forums/", include("forums.urls")),
    path("member/you-said-we-did/", you_said_views.member_page, name="member-you-said"),
    path("member/opportunities/", include("opportunities.member_urls")),
    path("opportunities/", include("opportunities.urls")),
    path("member/your-information/", include("privacy.member_urls")),
    path("member/", include("forums.member_urls")),
    path("feedback/", include("feedback.urls")),
    path("admin/", admin.site.urls),
]
