from django.apps import AppConfig


class CoreConfig(AppConfig):
    """
    The bottom layer: content-agnostic pieces every app may use (rich text, images, slugs,
    language facts, keyset pagination) and the template tags of every page. It imports no
    other app of the project.
    """

    name = "core"
