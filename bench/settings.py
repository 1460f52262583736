"""Production settings plus one extra page for the benchmark's reference: a bare view."""

from vvf.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
