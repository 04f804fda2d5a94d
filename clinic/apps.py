from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from django.db.models.signals import post_migrate

        # Start-up checks register themselves where they are defined: that stored health
        # information still decrypts, that every health page field is placed for review.
        from clinic.editorial import due_for_review  # noqa: F401
        from clinic.security import encryption, lockouts  # noqa: F401
        from clinic.serving import invalidation
        from clinic.serving.csp import install_chooser_nonce
        from clinic.serving.site_url import configure_after_migrate

        invalidation.connect()  # publishes, moves and deletes make the page cache forget
        post_migrate.connect(configure_after_migrate, dispatch_uid="clinic.site_url")
        lockouts.connect()  # audit-log entries for sign-ins, failures and lockouts
        install_chooser_nonce()  # the admin choosers' set-up scripts carry the nonce
