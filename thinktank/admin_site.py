"""
The admin site: Django's, with the translation dashboard, and a home page that is a
translator's own work list (thinktank.apps.AdminConfig makes it the default site).
"""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AdminSite(admin.AdminSite):
    index_template = "admin/site_index.html"
    site_header = _("The Institute: editorial administration")
    site_title = _("The Institute administration")
    index_title = _("Editorial work")

    def get_urls(self):
        from articles.admin_dashboard import urls as dashboard_urls

        return [*dashboard_urls(self), *super().get_urls()]

    def index(self, request, extra_context=None):
        from articles.admin_dashboard import landing_language

        language = landing_language(request.user)
        if language is not None:
            url = reverse("admin:translations_language", args=[language], current_app=self.name)
            return HttpResponseRedirect(url)
        return super().index(request, extra_context)
