#!/bin/sh
# Back up the portal: the PostgreSQL database (pg_dump, custom format) and the media files (tar).
# docs/backups.md explains it; tests/security/test_backup_restore.py runs this very script.
#
#   scripts/backup.sh DIRECTORY
#
# writes DIRECTORY/portal-<date-time>.dump and DIRECTORY/media-<date-time>.tar.gz. By default it
# runs next to docker-compose.yml: pg_dump in the `db` container, tar in the `web` container,
# both streaming to this host. Override to run elsewhere (empty *_EXEC: the tools of this host):
#   PORTAL_DB       database name                     (portal)
#   PORTAL_DB_USER  database role                     (portal)
#   PORTAL_MEDIA    the media directory               (/data/media, the `media` volume)
#   DB_EXEC         prefix running pg_dump            (docker compose exec -T db)
#   MEDIA_EXEC      prefix running tar                (docker compose exec -T web)
set -eu

dir=${1:?usage: scripts/backup.sh DIRECTORY}
: "${PORTAL_DB:=portal}" "${PORTAL_DB_USER:=portal}" "${PORTAL_MEDIA:=/data/media}"
: "${DB_EXEC=docker compose exec -T db}" "${MEDIA_EXEC=docker compose exec -T web}"
stamp=$(date +%Y%m%d-%H%M%S)

umask 077 # a backup holds requesters' personal data: readable by its owner only
mkdir -p "$dir"
dump="$dir/portal-$stamp.dump"
media="$dir/media-$stamp.tar.gz"

# Written under a temporary name, so an interrupted run never leaves a file that looks complete.
$DB_EXEC pg_dump --format=custom --no-owner --no-privileges \
    --username="$PORTAL_DB_USER" --dbname="$PORTAL_DB" >"$dump.part"
$MEDIA_EXEC tar --create --gzip --file=- --directory="$PORTAL_MEDIA" . >"$media.part"
mv "$dump.part" "$dump"
mv "$media.part" "$media"
echo "$dump"
echo "$media"
