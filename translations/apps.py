from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    """
    The translation layer, between the shared pieces and the content apps: the abstract
    translatable models, outdated-translation tracking and the side-by-side admin that
    articles, experts and terms build on. It has no models of its own in the database.
    """

    name = "translations"
