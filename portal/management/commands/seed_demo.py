"""Load the demo province once: each app's ``demo.seed()`` runs in INSTALLED_APPS order.

Idempotent: records are looked up before they are created, and nothing an officer changed is
overwritten, so ``make run`` can call it every time.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load realistic demo data (An Giang province after the 2025 reform) and print the logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DJANGO_DEBUG=0; never on a real site (the passwords are public).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusing to load demo accounts with DJANGO_DEBUG=0: their passwords are public. "
                "Use --force on a throw-away database only."
            )
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                try:
                    demo = import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app_config.name}.demo":
                        raise
                    continue
                demo.seed(self.stdout.write)
