from django.apps import AppConfig
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

        from thinktank.page_cache import connect_invalidation

        connect_invalidation(apps.get_model(label) for label in PUBLIC_CONTENT_MODELS)
