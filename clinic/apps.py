from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401 (checks register themselves)

        signal_handlers.connect()
        from . import lockouts  # audit-log entries for sign-ins, failures and lockouts

        lockouts.connect()
