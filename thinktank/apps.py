from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThinktankConfig(AppConfig):
    name = "thinktank"
    verbose_name = _("Site")
