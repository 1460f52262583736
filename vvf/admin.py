from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from two_factor.admin import AdminSiteOTPRequired

admin.site.site_header = _("Victim Voice Forums admin")
admin.site.site_title = _("Victim Voice Forums admin")
admin.site.index_title = _("Run the programme")

# The admin is behind the second factor too; its own login page sends people to ours.
admin.site.__class__ = AdminSiteOTPRequired
