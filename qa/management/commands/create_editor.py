import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from qa.editorial.editors import sync_editor_permissions


class Command(BaseCommand):
    help = (
        "Create (or update) an editor account: staff, in the Editors group, not a superuser. "
        "The password is read from DJANGO_EDITOR_PASSWORD or asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, username, email, **options):
        password = os.environ.get("DJANGO_EDITOR_PASSWORD")
        if not password:
            if not options.get("interactive", True) or not os.isatty(0):
                raise CommandError("Set DJANGO_EDITOR_PASSWORD or run the command in a terminal.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.email = email or user.email
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(sync_editor_permissions())
        self.stdout.write(self.style.SUCCESS(f"Editor '{username}' is ready to sign in at /admin/."))
