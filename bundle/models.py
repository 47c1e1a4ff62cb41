"""Stable external ids: which local object a bundle record became, so a re-import updates it."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalId(models.Model):
    """
    A record of a bundle (kind "article", "expert", "topic", "region", "type") and the
    local object it was imported as. Kept here, not on the content models, so the content
    apps know nothing of bundles.
    """

    kind = models.CharField(_("kind"), max_length=20)
    external_id = models.CharField(_("external id"), max_length=200)
    object_id = models.PositiveBigIntegerField(_("object id"))
    # The sha256 of the record last imported: the same record again changes nothing.
    checksum = models.CharField(_("checksum"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("external id")
        verbose_name_plural = _("external ids")
        constraints = [
            models.UniqueConstraint(fields=["kind", "external_id"], name="unique_external_id")
        ]

    def __str__(self):
        return f"{self.kind}:{self.external_id}"


class Origin(models.Model):
    """
    This site's own name in bundles, made once: an export names content made here
    "<kind>-<local id>@<origin>", so an import into this same site finds it again
    (a re-import of the site's own export updates in place), and no other site's
    "<kind>-<local id>" can be taken for it.
    """

    uuid = models.UUIDField(_("origin"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("bundle origin")
        verbose_name_plural = _("bundle origins")

    def __str__(self):
        return self.uuid.hex[:12]

    @classmethod
    def here(cls) -> str:
        """Return this site's origin, making it on first use."""
        origin, _created = cls.objects.get_or_create(pk=1)
        return str(origin)
