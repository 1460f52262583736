from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in: MOPAC staff, panel members, partners, facilitators, police
    leads. Applicants and members never have an account; they use signed links."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_staff = models.BooleanField(
        _("can use the admin"),
        default=False,
        help_text=_("VVF staff work in the admin; other roles have their own pages."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        # Opaque, because the admin's own log keeps this text.
        return f"user {self.pk}"

    def get_full_name(self):
        return self.full_name or self.email

    def name_and_email(self):
        """How staff see someone wherever they pick or read a person (pickers, "requested
        by", timelines, the audit trail's readers): "Kemi Adebayo (kemi@example.com)".
        Not __str__, which Django's own admin log keeps."""
        return f"{self.full_name} ({self.email})" if self.full_name else self.email

    def get_short_name(self):
        return self.get_full_name()
