import datetime

from django.utils import timezone

from opportunities.models import Opportunity
from opportunities.services import opportunity_transition
from programme.models import Forum


def make_opportunity(*slugs, run_by="MET", publish=True, closes_in_days=14, **fields):
    opportunity = Opportunity.objects.create(
        title=fields.pop("title", "Observe a day of police training"),
        kind=fields.pop("kind", "TRAINING"),
        run_by=run_by,
        description="A day at the training centre with new officers.",
        asks="One day, 10am to 4pm.",
        where="Hendon",
        when="Tuesday 12 January, 10am to 4pm",
        access="Step-free access; travel costs paid.",
        closes_on=timezone.localdate() + datetime.timedelta(days=closes_in_days),
        **fields,
    )
    opportunity.forums.set(Forum.objects.filter(slug__in=slugs or ["vawg"]))
    if publish:
        opportunity = opportunity_transition(
            opportunity=opportunity, to_status=Opportunity.Status.PUBLISHED
        )
    return opportunity
