from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks, lockouts, signal_handlers  # noqa: F401 (checks register themselves)
        from .csp import install_chooser_nonce
        from .site_url import configure_after_migrate

        signal_handlers.connect()
        post_migrate.connect(configure_after_migrate, dispatch_uid="clinic.site_url")
        lockouts.connect()  # audit-log entries for sign-ins, failures and lockouts
        install_chooser_nonce()  # the admin choosers' set-up scripts carry the nonce
