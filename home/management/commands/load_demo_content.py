from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import blog.demo
import booking.demo
import home.demo
import selfcheck.demo
import treatments.demo
from clinic.documents import DocumentError, spanish
from clinic.documents.demo import DemoContent

# Each section adds its own pages below the home page, in the order the menu shows them.
DEMO_SECTIONS = [booking.demo, treatments.demo, blog.demo, selfcheck.demo]


class Command(BaseCommand):
    help = (
        "Load the demo site of a fictional clinic from the documents in content/. "
        "Running it again changes nothing; editors' changes stay."
    )

    def handle(self, *args, **options):
        try:
            load()
        except DocumentError as error:
            # Nothing is left half-loaded: the whole load is one transaction.
            raise CommandError(f"Demo content not loaded: {error}") from None
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))


@transaction.atomic
def load():
    content = DemoContent()
    home_page = home.demo.load(content)
    booking_page = None
    for section in DEMO_SECTIONS:
        loaded = section.load(content, home_page)
        booking_page = loaded if section is booking.demo else booking_page
    home.demo.load_pages(content, home_page)
    content.finish()
    # The Spanish edition translates the English pages, once they are live (content/es/).
    spanish.load(content)
    content.check_all_read()
    if getattr(settings, "DEMO_ACCOUNTS", False):
        # Fictional requests for the demo accounts' inbox, once the treatments are live:
        # development only.
        booking.demo.load_requests(content, booking_page)
