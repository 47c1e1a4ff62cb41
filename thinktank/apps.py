from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ThinktankConfig(AppConfig):
    name = "thinktank"
    verbose_name = _("Site")

    def ready(self):
        from . import subscribers

        subscribers.connect()


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, with our site (the translation dashboard) as the default."""

    default = False  # ThinktankConfig stays this module's default.
    default_site = "thinktank.admin_site.AdminSite"
