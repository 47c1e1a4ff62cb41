from django.apps import AppConfig


class DemoConfig(AppConfig):
    """
    Development only: the demo corpus, `seed_demo` and `evaluate_recommendations`.
    Installed when DEBUG is on and in the test and benchmark settings, never in production.
    """

    name = "demo"
