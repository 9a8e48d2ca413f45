# The portal's production image: gunicorn serves the site (static files by WhiteNoise); the same
# image runs the Celery worker and beat. Settings come from the environment only (README.md).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's libraries (DESIGN §7); fonts ship in static/fonts, so no font packages here.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 portal
WORKDIR /app

COPY pyproject.toml README.md ./
COPY portal ./portal
COPY agencies ./agencies
COPY catalogs ./catalogs
COPY requests_app ./requests_app
COPY reports ./reports
RUN pip install .

COPY manage.py ./
COPY templates ./templates
COPY static ./static
COPY locale ./locale

# Build-time values only: the real SECRET_KEY and hosts come from the environment at run time.
RUN DJANGO_DEBUG=0 SECRET_KEY=build-only-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=') \
    ALLOWED_HOSTS=build STATIC_ROOT=/app/staticfiles \
    sh -c "python manage.py compile_translations && python manage.py collectstatic --noinput"

ENV STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/data/media PORTAL_VAR_DIR=/data
RUN mkdir -p /data/media && chown -R portal:portal /data /app/locale
USER portal

EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--timeout", "60", "--access-logfile", "-"]
