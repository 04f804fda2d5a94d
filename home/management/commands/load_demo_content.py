from django.core.management.base import BaseCommand
from django.db import transaction

import blog.demo
import booking.demo
import home.demo
import treatments.demo

# Each section adds its own pages below the home page; the order matters for links.
DEMO_SECTIONS = [booking.demo, treatments.demo, blog.demo]


class Command(BaseCommand):
    help = "Load the demo site of a fictional clinic. Running it again changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        home_page = home.demo.load()
        for section in DEMO_SECTIONS:
            section.load(home_page)
        home.demo.load_pages(home_page)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
