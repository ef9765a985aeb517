import getpass
import io
import os

import segno
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from qa.editorial.editors import sync_editor_permissions
from qa.staff.two_factor import has_second_factor, replace_second_factor, secret_of


class Command(BaseCommand):
    help = (
        "Create (or update) an editor account: staff, in the Editors group, not a superuser. "
        "The password is read from DJANGO_EDITOR_PASSWORD or asked for. A new editor gets a second factor: "
        "the authenticator app's address (and its QR code) and ten backup codes are printed once, for the editor."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--new-second-factor",
            action="store_true",
            help="Replace the editor's authenticator app and backup codes (a lost phone).",
        )
        parser.add_argument("--no-qr", action="store_true", help="Print the app's address without its QR code.")

    def handle(self, username, email, new_second_factor=False, no_qr=False, **options):
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
        if new_second_factor or not has_second_factor(user):
            self.print_second_factor(user, no_qr)
        self.stdout.write(self.style.SUCCESS(f"Editor '{username}' is ready to sign in at /admin/."))

    def print_second_factor(self, user, no_qr):
        device, codes = replace_second_factor(user)
        self.stdout.write("Add this account to the editor's authenticator app (scan the QR code or open the address):")
        if not no_qr:
            drawing = io.StringIO()
            segno.make(device.config_url, error="m").terminal(out=drawing, compact=True)
            self.stdout.write(drawing.getvalue())
        self.stdout.write(device.config_url)
        self.stdout.write(f"Key, to type in by hand: {secret_of(device)}")
        self.stdout.write("Backup codes, each usable once in place of the app's code (shown only now):")
        self.stdout.write("  " + "  ".join(codes))
