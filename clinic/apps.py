from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from . import checks, lockouts, signal_handlers  # noqa: F401 (checks register themselves)

        signal_handlers.connect()
        lockouts.connect()  # audit-log entries for sign-ins, failures and lockouts
