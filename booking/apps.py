from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"

    def ready(self):
        from .history import hide_from_site_history

        hide_from_site_history()  # who exported or deleted requests: managers only
