"""Give a newcomer a way into the admin: one superuser, password shown once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the superuser 'admin' with a random password if no superuser exists."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options):
        User = get_user_model()
        superuser = User.objects.filter(is_superuser=True).order_by("pk").first()
        if superuser is not None:
            self.stdout.write(
                "Admin: log in at http://127.0.0.1:8000/admin/ with your superuser "
                "(forgot the password? `.venv/bin/python manage.py changepassword "
                f"{superuser.get_username()}`)."
            )
            return
        # create_superuser checks neither the name's characters nor whether it is taken.
        try:
            User._meta.get_field(User.USERNAME_FIELD).clean(username, None)
        except ValidationError as error:
            raise CommandError(f"--username {username!r}: {' '.join(error.messages)}") from None
        if User.objects.filter(**{User.USERNAME_FIELD: username}).exists():
            raise CommandError(
                f"--username {username!r}: that user exists and is not a superuser; "
                "choose another name (or use `manage.py createsuperuser`)."
            )
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "Created the admin account (shown only this once):\n"
                f"  http://127.0.0.1:8000/admin/  user: {username}  password: {password}"
            )
        )
