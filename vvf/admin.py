from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Victim Voice Forums admin")
admin.site.site_title = _("Victim Voice Forums admin")
admin.site.index_title = _("Run the programme")
