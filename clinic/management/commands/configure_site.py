"""Give the default site the address in SITE_URL (migrate does it too; the deploy runs both)."""

from django.core.management.base import BaseCommand, CommandError

from clinic.serving.site_url import configure_default_site, site_url


class Command(BaseCommand):
    help = "Set the default Wagtail site's host name and port from the SITE_URL setting."

    def handle(self, *args, **options):
        if not site_url():
            raise CommandError("SITE_URL is not set: nothing to configure.")
        changed = configure_default_site()
        self.stdout.write(changed or f"The default site's address is already {site_url()}.")
