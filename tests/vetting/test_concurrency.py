"""Two seats deciding at the same instant, in two PostgreSQL transactions."""

import threading
import time

from django.db import connection, transaction

from applications.models import ApplicationEvent
from tests.vetting.helpers import open_case
from vetting import services
from vetting.models import SuitabilityCase


def test_two_seats_at_once_are_both_recorded_and_decide_once(committed_db):
    case, seats = open_case()
    services.seat_decide(case=case, member=seats["MOPAC"], decision="ACCEPT", rationale="a")
    first_in = threading.Event()
    let_first_commit = threading.Event()
    errors = []

    def first():
        # Decides, then holds its transaction open while the second seat decides.
        try:
            with transaction.atomic():
                services.seat_decide(
                    case=case, member=seats["MPS"], decision="ACCEPT", rationale="b"
                )
                first_in.set()
                let_first_commit.wait(timeout=10)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    def second():
        try:
            first_in.wait(timeout=10)
            services.seat_decide(
                case=case, member=seats["FACILITATOR"], decision="ACCEPT", rationale="c"
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_in.wait(timeout=10)
    time.sleep(0.5)  # the second is now waiting for the case's lock
    let_first_commit.set()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    # Both recorded, and the second's made the decision once: the case is gone.
    assert not SuitabilityCase.objects.filter(pk=case.pk).exists()
    assert ApplicationEvent.objects.filter(to_status="ACCEPTED").count() == 1
