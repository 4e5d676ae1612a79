#!/bin/sh
# Runs once, on the first start of the postgres container (empty data volume): the two roles and the database.
#   kasse_owner  owns the database and the schema; only the migrate step signs in as it.
#   kasse_app    what the silos sign in as; `Kasse.Silo.dll migrate` grants it what it needs (Database__ApplicationRole).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set owner_password="$KASSE_OWNER_PASSWORD" --set app_password="$KASSE_APP_PASSWORD" <<'SQL'
CREATE ROLE kasse_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE kasse_app LOGIN PASSWORD :'app_password';
CREATE DATABASE kasse OWNER kasse_owner;
REVOKE ALL ON DATABASE kasse FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE kasse TO kasse_app;
SQL
