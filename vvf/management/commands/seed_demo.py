"""Demo data for local development: one user per role and a few sample applications.

Safe to run again: it updates what exists instead of duplicating it. It refuses to run
with DEBUG off, so known demo passwords can never reach a real server.
"""

import datetime
import secrets
from base64 import b32decode

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.models import User
from applications.models import Application
from applications.services import (
    application_submit,
    application_transition,
    current_documents,
    forums_needing_partner_consent,
)
from feedback import services as feedback_services
from feedback.models import Recommendation, Theme
from forums.models import MemberLink, Membership
from forums.permissions import sync_forum_access
from forums.services import agendas, meetings, member_links, notes
from opportunities import services as opportunity_services
from opportunities.models import Opportunity
from programme.models import Forum, Organisation
from vetting import services as vetting_services
from vetting.models import PanelSeat
from vvf.email import absolute_url

DEMO_USERS = [
    # email, name, role, can use the admin
    ("staff@example.com", "Sam Staff", roles.VVF_STAFF, True),
    ("panel@example.com", "Pat Panel", roles.PANEL_MEMBER, False),
    ("partner@example.com", "Parveen Partner", roles.EXTERNAL_PARTNER, False),
    ("facilitator@example.com", "Femi Facilitator", roles.FACILITATOR, False),
    ("police@example.com", "Priya Police", roles.POLICE_LEAD, False),
    # The other two seats of the demo suitability panel.
    ("panel.mps@example.com", "Morgan MPS", roles.PANEL_MEMBER, False),
    ("panel.facilitator@example.com", "Fola Facilitator", roles.PANEL_MEMBER, False),
]
DEMO_PASSWORD = "demo-password-change-me"
# The demo users' authenticator key (base32), shared so anyone can add it to an app.
DEMO_TOTP_KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

DEMO_APPLICATIONS = [
    # name, email, forum slugs, the stages it has been moved through
    ("Aisha Demo", "aisha.demo@example.com", ["vawg"], []),
    ("Zoë O'Brien-Demo", "zoe.demo@example.com", ["lgbtq-victims"], ["IN_REVIEW"]),
    ("Nguyễn Demo", "nguyen.demo@example.com", ["black-communities"], ["IN_REVIEW", "ONBOARDING"]),
    (
        "Kwame Demo",
        "kwame.demo@example.com",
        ["disabled-victims", "black-communities"],
        ["IN_REVIEW", "ONBOARDING", "PNC_CHECK"],
    ),
    ("Demo", "mononym.demo@example.com", ["vawg"], ["WITHDRAWN"]),
    # Members of the VAWG forum: accepted after a PNC check with no record.
    ("Amara Demo", "amara.demo@example.com", ["vawg"], ["IN_REVIEW", "ONBOARDING", "PNC_CHECK"]),
    ("Bea Demo", "bea.demo@example.com", ["vawg"], ["IN_REVIEW", "ONBOARDING", "PNC_CHECK"]),
    ("Chen Demo", "chen.demo@example.com", ["vawg"], ["IN_REVIEW", "ONBOARDING", "PNC_CHECK"]),
]
DEMO_MEMBERS = ["amara.demo@example.com", "bea.demo@example.com", "chen.demo@example.com"]


class Command(BaseCommand):
    help = "Load demo users and applications for local development (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it sets known passwords.")
        with transaction.atomic():
            backup_codes = self.seed_users()
            self.seed_forum_people()
            self.seed_applications()
            self.seed_panel()
            member_link = self.seed_members_and_meetings()
            self.seed_partner_meetings()
            self.seed_opportunities()
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in at /accounts/login/ as:"))
        for email, _name, role, _staff in DEMO_USERS:
            code = backup_codes[email]
            self.stdout.write(f"  {role:<17} {email:<26} backup code: {code}")
        self.stdout.write(
            f"Password for all: {DEMO_PASSWORD}\n"
            "Then the second step asks for a code: add this key to any authenticator app "
            f"(it is the same for every demo user): {DEMO_TOTP_KEY}\n"
            "or choose 'Use a backup code' and enter the user's code above (each works "
            "once; running make run again makes new ones)."
        )
        self.stdout.write(
            "Forum members have no password. Sign in as the demo member Amara at "
            f"{member_link}\n(or ask for a link at /member/sign-in/ with "
            f"{DEMO_MEMBERS[0]}: the email appears in the worker's output)."
        )

    def seed_users(self):
        """The demo users, each with the shared authenticator key and a fresh backup
        code. Returns {email: backup code}."""
        codes = {}
        for email, name, role, is_staff in DEMO_USERS:
            user, _ = User.objects.get_or_create(email=email, defaults={"full_name": name})
            user.full_name = name
            user.is_staff = is_staff
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            TOTPDevice.objects.update_or_create(
                user=user,
                name="default",
                defaults={"key": b32decode(DEMO_TOTP_KEY).hex(), "confirmed": True},
            )
            backup, _ = StaticDevice.objects.get_or_create(user=user, name="backup")
            backup.token_set.all().delete()
            codes[email] = backup.token_set.create(token=StaticToken.random_token()).token
        return codes

    def seed_forum_people(self):
        """The demo partner works for the partner organisation; the demo facilitator
        facilitates the VAWG forum."""
        Organisation.objects.get(kind="EXTERNAL_PARTNER").members.add(
            User.objects.get(email="partner@example.com")
        )
        Forum.objects.get(slug="vawg").facilitators.add(
            User.objects.get(email="facilitator@example.com")
        )
        for forum in Forum.objects.select_related("run_by"):
            sync_forum_access(forum)

    def seed_members_and_meetings(self):
        """Three VAWG members, a past meeting with its attendance and note, and the next
        meeting with invitations and a member's agenda suggestion. Returns a sign-in link
        for the first member."""
        staff = User.objects.get(email=DEMO_USERS[0][0])
        for email in DEMO_MEMBERS:
            application = Application.objects.get(email=email)
            if application.status == "PNC_CHECK" and not hasattr(application, "pnc_check"):
                check = vetting_services.check_request(
                    application=application, requested_on=datetime.date.today(), by=staff
                )
                vetting_services.check_record_no_record(
                    check=check, received_on=datetime.date.today(), by=staff
                )
        memberships = list(Membership.objects.filter(application__email__in=DEMO_MEMBERS))
        forum = Forum.objects.get(slug="vawg")
        if not forum.meetings.exists():
            today = timezone.localdate()
            # Demo only: as if they had joined two months ago, so they were at the
            # last meeting.
            Membership.objects.filter(pk__in=[m.pk for m in memberships]).update(
                started_on=today - datetime.timedelta(days=60)
            )
            past, upcoming = meetings.meetings_schedule(
                forum=forum,
                first_day=today - datetime.timedelta(days=32),
                start_time=datetime.time(18, 0),
                count=2,
                venue="City Hall, Kamal Chunchie Way, London E16 1ZE",
            )
            meetings.attendance_record(meeting=past, attended_ids={m.pk for m in memberships[:2]})
            notes.note_save(
                meeting=past, text="Demo note: the forum discussed updates on investigations."
            )
            meetings.invitations_send(meeting=upcoming)
            agendas.agenda_item_add(meeting=upcoming, title="Welcome and introductions")
            agendas.agenda_item_propose(
                meeting=upcoming,
                membership=memberships[0],
                title="How victims are kept updated about their case",
            )
        self.seed_feedback(forum)
        link = MemberLink.objects.create(membership=memberships[0], nonce=secrets.token_urlsafe(24))
        return absolute_url(reverse("members:sign-in", args=[member_links.member_link_token(link)]))

    def seed_partner_meetings(self):
        """The partner's forums (Disabled and LGBTQ+) have meetings too: a past one with
        its note and the next one with an agenda, so the partner's pages have something
        to show."""
        today = timezone.localdate()
        for forum in Forum.objects.filter(run_by__kind="EXTERNAL_PARTNER").order_by("position"):
            if forum.meetings.exists():
                continue
            past, upcoming = meetings.meetings_schedule(
                forum=forum,
                first_day=today - datetime.timedelta(days=25),
                start_time=datetime.time(18, 30),
                count=2,
                venue="City Hall, Kamal Chunchie Way, London E16 1ZE",
            )
            notes.note_save(
                meeting=past,
                text="Demo note: the forum met its facilitator and agreed its ground rules.",
            )
            agendas.agenda_item_add(meeting=upcoming, title="Welcome and introductions")

    def seed_opportunities(self):
        """One published opportunity the Met runs, open to the VAWG forum, and a draft."""
        staff = User.objects.get(email=DEMO_USERS[0][0])
        closes_on = datetime.date.today() + datetime.timedelta(days=21)
        common = {
            "where": "Metropolitan Police Specialist Training Centre, Hendon",
            "when": "A weekday next month, 10am to 3pm",
            "access": "Step-free throughout, a quiet room, travel and care costs paid.",
            "closes_on": closes_on,
            "created_by": staff,
        }
        training = Opportunity.objects.create(
            title="Observe how new officers are trained to respond to domestic abuse",
            kind="TRAINING",
            run_by="MET",
            description="Watch a training day for new officers and tell the trainers what "
            "you noticed, from your own experience.",
            asks="One day. You can leave at any time, and you do not have to speak.",
            **common,
        )
        training.forums.set(Forum.objects.filter(slug="vawg"))
        opportunity_services.opportunity_transition(
            opportunity=training, to_status="PUBLISHED", by=staff
        )
        draft = Opportunity.objects.create(
            title="Help with a community meeting about stop and search",
            kind="COMMUNITY_CONCERN",
            run_by="MOPAC",
            description="A meeting with local residents after recent concerns.",
            asks="An evening, and an hour beforehand to prepare.",
            **common,
        )
        draft.forums.set(Forum.objects.filter(slug="black-communities"))

    def seed_feedback(self, forum):
        """Feedback from the last meeting and two recommendations: one waiting for the
        police leads, one answered."""
        past = forum.meetings.filter(starts_at__lt=timezone.now()).first()
        if past is None or Recommendation.objects.exists():
            return
        facilitator = User.objects.get(email="facilitator@example.com")
        police = User.objects.get(email="police@example.com")
        for theme, text in [
            (
                "Updates on investigations",
                "Several members heard nothing for weeks after reporting.",
            ),
            ("Victim care and support", "Support from the Victim Care Unit was praised."),
        ]:
            feedback_services.feedback_record(
                forum=forum,
                meeting=past,
                theme=Theme.objects.get(name=theme),
                text=text,
                by=facilitator,
            )
        waiting = feedback_services.recommendation_raise(
            forum=forum,
            meeting=past,
            title="A named contact for every victim",
            detail="Victims want one officer they can call for updates.",
            owner=police,
            by=facilitator,
        )
        feedback_services.recommendation_move(
            recommendation=waiting, to_status="SENT", by=facilitator
        )
        answered = feedback_services.recommendation_raise(
            forum=forum,
            meeting=past,
            title="Updates by text message",
            detail="Offer updates by SMS as well as phone calls.",
            by=facilitator,
        )
        for status, by, words in [
            ("SENT", facilitator, ""),
            ("UNDER_REVIEW", police, "Looking at what the systems allow."),
            ("IN_PROGRESS", police, "Text updates will be trialled in two boroughs."),
        ]:
            feedback_services.recommendation_move(
                recommendation=answered, to_status=status, by=by, words=words
            )

    def seed_panel(self):
        """A disclosure before the demo panel, for the application at the PNC check."""
        application = Application.objects.filter(
            status="PNC_CHECK", email="kwame.demo@example.com"
        ).first()
        if application is None or hasattr(application, "pnc_check"):
            return
        staff = User.objects.get(email=DEMO_USERS[0][0])
        check = vetting_services.check_request(
            application=application, requested_on=datetime.date.today(), by=staff
        )
        seat_users = [
            User.objects.get(email=email)
            for email in (
                "panel@example.com",
                "panel.mps@example.com",
                "panel.facilitator@example.com",
            )
        ]
        vetting_services.check_record_disclosure(
            check=check,
            received_on=datetime.date.today(),
            items=[
                {
                    "offence": "Theft (demo)",
                    "offence_date": "2014",
                    "disposal": "Caution",
                    "notes": "Demo data",
                }
            ],
            seats=dict(zip(PanelSeat.Seat, seat_users, strict=True)),
            by=staff,
        )

    def seed_applications(self):
        """Sample applications made the way the public form makes them."""
        staff = User.objects.get(email=DEMO_USERS[0][0])
        documents = current_documents()
        for name, email, slugs, moves in DEMO_APPLICATIONS:
            if Application.objects.filter(email=email).exists():
                continue
            forums = list(Forum.objects.filter(slug__in=slugs).select_related("run_by"))
            kinds = ["PNC_CHECK", "TERMS_OF_REFERENCE", "MPS_SHARING"]
            if forums_needing_partner_consent(forums):
                kinds.append("PARTNER_SHARING")
            application, _ = application_submit(
                answers={
                    "date_of_birth": datetime.date(1990, 3, 27),
                    "london_connection": ["LIVES"],
                    "forums": forums,
                    "full_name": name,
                    "email": email,
                    "postcode": "SE1 2AA",
                    "borough": "SOUTHWARK",
                    "why_join": "I want the next person to be treated better than I was.",
                    "interested_in_accountability": True,
                    "equality": {"age_band": "25_34"},
                },
                consents={documents[kind]: kind != "MPS_SHARING" for kind in kinds},
                submission_key=f"demo-{email}",
            )
            for status in moves:
                application_transition(
                    application=application, to_status=status, by=staff, reason="Demo data"
                )
