"""SCHEDULED_JOBS: what must run on a schedule, and how often (README, "Scheduled jobs").

`python manage.py run_scheduled_jobs --every <interval>` runs the jobs of one interval in this
order, from one cron line or systemd timer per interval. A job is a management command as
typed after `manage.py`; adding one is adding its line.
"""

SCHEDULED_JOBS = {
    "minute": [
        "publish_scheduled",  # pages whose scheduled time has come (held to the sign-off)
    ],
    # Each app server holds the booking requests it took while the database was down in its
    # own spool (BOOKING_SPOOL_DIR), so this runs every minute on every app server.
    "minute-on-each-server": [
        "store_held_requests",
    ],
    "day": [
        "purge_booking_submissions",  # requests older than BOOKING_RETENTION_DAYS
        "clearsessions",  # expired sessions
        # Reply-due times fall at 23:59:59 of a working day, so requests only become overdue at
        # midnight: once a day (early, before the clinic opens) catches each one; every hour
        # would email the managers the same list 24 times a day.
        "booking_overdue --email",
        "pages_due_for_review",  # health pages never reviewed, overdue or due within a month
    ],
}
