"""Staff security in the admin: sign-in, lockout, logoff and second-factor events in the
history; the two-factor and lockout pages register their own hooks on import."""

from wagtail import hooks

from clinic.security import lockouts, two_factor  # noqa: F401 (admin pages, buttons, log actions)


@hooks.register("register_log_actions")
def log_sign_in_events_against_accounts(actions):
    """Sign-ins, lockouts, logoffs and second-factor changes are logged against the person's
    User (clinic/security/audit.py); Wagtail logs only the models registered for it."""
    from django.contrib.auth import get_user_model
    from wagtail.models import ModelLogEntry

    actions.register_model(get_user_model(), ModelLogEntry)


@hooks.register("register_log_actions")
def register_staff_session_actions(actions):
    """Automatic logoffs and sign-outs everywhere in the site history
    (clinic/security/staff_sessions.py)."""
    from wagtail.log_actions import LogFormatter

    from clinic.security.staff_sessions import SESSION_EXPIRED, SIGNED_OUT_EVERYWHERE

    @actions.register_action(SESSION_EXPIRED)
    class SessionExpiredFormatter(LogFormatter):
        label = "Signed out automatically"

        def format_message(self, log_entry):
            if log_entry.data.get("reason") == "idle":
                return "Signed out automatically after a period without activity"
            return "Signed out automatically at the end of the longest session allowed"

    actions.register_action(
        SIGNED_OUT_EVERYWHERE, "Signed out everywhere", "Signed out on every device"
    )
