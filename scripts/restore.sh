#!/bin/sh
# Restore a backup made by scripts/backup.sh into a NEW database and the media directory.
# docs/backups.md explains it; tests/security/test_backup_restore.py runs this very script.
#
#   scripts/restore.sh DUMP MEDIA_TAR NEW_DATABASE
#
# creates NEW_DATABASE (it must not exist: a restore never writes over the live data), restores
# DUMP into it, then unpacks MEDIA_TAR into the media directory. Same variables as backup.sh,
# except that MEDIA_EXEC defaults to a one-off `web` container, the site being stopped:
#   MEDIA_EXEC      prefix running tar                (docker compose run --rm --no-deps -T web)
set -eu

dump=${1:?usage: scripts/restore.sh DUMP MEDIA_TAR NEW_DATABASE}
media=${2:?usage: scripts/restore.sh DUMP MEDIA_TAR NEW_DATABASE}
new_db=${3:?usage: scripts/restore.sh DUMP MEDIA_TAR NEW_DATABASE}
: "${PORTAL_DB_USER:=portal}" "${PORTAL_MEDIA:=/data/media}"
: "${DB_EXEC=docker compose exec -T db}" "${MEDIA_EXEC=docker compose run --rm --no-deps -T web}"

$DB_EXEC createdb --username="$PORTAL_DB_USER" "$new_db"
# --exit-on-error: a restore that skipped something is not a restore.
$DB_EXEC pg_restore --no-owner --no-privileges --exit-on-error \
    --username="$PORTAL_DB_USER" --dbname="$new_db" <"$dump"
$MEDIA_EXEC tar --extract --gzip --file=- --directory="$PORTAL_MEDIA" <"$media"
echo "restored into database $new_db and $PORTAL_MEDIA"
