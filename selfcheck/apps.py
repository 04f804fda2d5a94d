from django.apps import AppConfig


class SelfCheckConfig(AppConfig):
    name = "selfcheck"
    verbose_name = "Mood self-check"
