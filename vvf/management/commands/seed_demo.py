"""Demo data for local development: one user per role and a few sample applications.

Safe to run again: it updates what exists instead of duplicating it. It refuses to run
with DEBUG off, so known demo passwords can never reach a real server.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import roles
from accounts.models import User
from applications.models import Application
from forums.models import Forum

DEMO_USERS = [
    # email, name, role, can use the admin
    ("staff@example.com", "Sam Staff", roles.VVF_STAFF, True),
    ("panel@example.com", "Pat Panel", roles.PANEL_MEMBER, False),
    ("partner@example.com", "Parveen Partner", roles.EXTERNAL_PARTNER, False),
    ("facilitator@example.com", "Femi Facilitator", roles.FACILITATOR, False),
    ("police@example.com", "Priya Police", roles.POLICE_LEAD, False),
]
DEMO_PASSWORD = "demo-password-change-me"

DEMO_APPLICATIONS = [
    # name, email, forum slugs, status
    ("Aisha Demo", "aisha.demo@example.com", ["vawg"], Application.Status.SUBMITTED),
    ("Zoë O'Brien-Demo", "zoe.demo@example.com", ["lgbtq-victims"], Application.Status.IN_REVIEW),
    (
        "Nguyễn Demo",
        "nguyen.demo@example.com",
        ["black-communities"],
        Application.Status.ONBOARDING,
    ),
    (
        "Kwame Demo",
        "kwame.demo@example.com",
        ["disabled-victims", "black-communities"],
        Application.Status.PNC_CHECK,
    ),
    ("Demo", "mononym.demo@example.com", ["vawg"], Application.Status.WITHDRAWN),
]


class Command(BaseCommand):
    help = "Load demo users and applications for local development (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it sets known passwords.")
        with transaction.atomic():
            self.seed_users()
            self.seed_applications()
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in at /accounts/login/ as:"))
        for email, _name, role, _staff in DEMO_USERS:
            self.stdout.write(f"  {role:<17} {email:<26} password: {DEMO_PASSWORD}")

    def seed_users(self):
        for email, name, role, is_staff in DEMO_USERS:
            user, _ = User.objects.get_or_create(email=email, defaults={"full_name": name})
            user.full_name = name
            user.is_staff = is_staff
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([Group.objects.get(name=role)])

    def seed_applications(self):
        for name, email, slugs, status in DEMO_APPLICATIONS:
            application, _ = Application.objects.update_or_create(
                email=email, defaults={"full_name": name, "status": status}
            )
            application.forums.set(Forum.objects.filter(slug__in=slugs))
