"""The portal's production settings for the benchmarks, plus a bare view to compare against.

Only what running on loopback needs is set here: a throwaway secret key, the loopback host
names, and TLS assumed to end at a proxy (requests carry X-Forwarded-Proto: https, as the
production reverse proxy sends), so the HTTPS redirect and secure cookies stay as in production.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "k3y" * 20)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("DJANGO_BEHIND_PROXY", "1")

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
