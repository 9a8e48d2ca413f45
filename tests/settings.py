"""The project's settings for the test run, plus what only tests need.

The suite runs the embedded defaults (or the services CI points it at) with debug-mode
defaults; production behaviour is tested by starting ``manage.py`` in a subprocess with
``DJANGO_DEBUG=0`` (tests/portal/test_settings.py).
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_DEBUG", "1")

from portal.settings import *  # noqa: F403

# Hashing cost is not what these tests measure.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
# Tasks run in-process unless a test starts a real worker (tests/portal/test_celery.py), so a
# configured broker with no worker listening never leaves a task waiting.
BROKER_IS_REAL = not CELERY_TASK_ALWAYS_EAGER  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = True
# Tests change the data between two requests of the same page; the public cache has its own
# tests (tests/portal/test_caching.py).
PORTAL_PUBLIC_CACHE_SECONDS = 0
