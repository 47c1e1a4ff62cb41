from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ThinktankConfig(AppConfig):
    name = "thinktank"
    verbose_name = _("Site")

    def ready(self):
        from core import fragments

        from . import page_cache, subscribers

        subscribers.connect()
        # Fragments of pages are kept by the page cache's tag versions (core.fragments).
        fragments.configure(
            tag_versions=page_cache.tag_versions,
            versions_to_store=page_cache.versions_to_store,
        )


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, with our site (the translation dashboard) as the default."""

    default = False  # ThinktankConfig stays this module's default.
    default_site = "thinktank.admin_site.AdminSite"
