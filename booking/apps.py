from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"

    def ready(self):
        from clinic.serving.database_down import register_outage_handler

        from . import form_copy, held_posts
        from .history import hide_from_site_history

        hide_from_site_history()  # who exported or deleted requests: managers only
        # A booking request posted while the database is down is held, from the form's copy.
        form_copy.connect()
        register_outage_handler(held_posts.answer_during_outage)
