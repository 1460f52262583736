import factory
from django.contrib.auth.models import Group

from accounts.models import User
from applications.models import Application

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"Applicant {n}")
    email = factory.Sequence(lambda n: f"applicant{n}@example.com")
    postcode = "SE1 2AA"
    borough = "SOUTHWARK"
    why_join = "To make things better for the next person."
    interested_in_accountability = True

    @factory.post_generation
    def forums(self, create, extracted, **kwargs):
        if create and extracted:
            self.forums.set(extracted)
