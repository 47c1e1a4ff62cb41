from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _

# Models whose changes can show on a public page: saving, deleting or relinking any of
# them invalidates the page cache.
PUBLIC_CONTENT_MODELS = [
    "articles.Article",
    "articles.ArticleTranslation",
    "articles.Authorship",
    "articles.RelatedArticle",
    "experts.Expert",
    "experts.ExpertTranslation",
    "experts.ExpertLink",
    "taxonomy.Topic",
    "taxonomy.TopicTranslation",
    "taxonomy.Region",
    "taxonomy.RegionTranslation",
    "taxonomy.ArticleType",
    "taxonomy.ArticleTypeTranslation",
]


class ThinktankConfig(AppConfig):
    name = "thinktank"
    verbose_name = _("Site")

    def ready(self):
        from django.apps import apps

        from recommendations.services import lists_refreshed
        from thinktank.page_cache import connect_invalidation, invalidate

        connect_invalidation(apps.get_model(label) for label in PUBLIC_CONTENT_MODELS)
        # Refreshed recommendations change article pages too.
        lists_refreshed.connect(invalidate, dispatch_uid="page-cache-recommendations", weak=False)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, with our site (the translation dashboard) as the default."""

    default = False  # ThinktankConfig stays this module's default.
    default_site = "thinktank.admin_site.AdminSite"
