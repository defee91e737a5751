#!/usr/bin/env bash
# One-shot init of the compose SQL Server (runs in the sqlserver-init service, same image as the server):
# creates the catalog database and its login, applies the catalog schema and enables change data capture
# with our own migrations (catalog/src/main/resources/db/migration/sqlserver, mounted at /migrations).
# Idempotent: a second run changes nothing.
#
# Environment: MSSQL_SA_PASSWORD, CATALOG_DB_NAME, CATALOG_DB_USER, CATALOG_DB_PASSWORD, SQLSERVER_HOST.
#
# The schema is applied with sqlcmd, not Flyway, so the database has no flyway_schema_history table: import
# into it with `./movie-recs import --no-migrate ...` (README, "Deploy").
set -euo pipefail
: "${MSSQL_SA_PASSWORD:?}" "${CATALOG_DB_NAME:?}" "${CATALOG_DB_USER:?}" "${CATALOG_DB_PASSWORD:?}"
host="${SQLSERVER_HOST:-sqlserver}"
sqlcmd=(/opt/mssql-tools18/bin/sqlcmd -S "$host" -U sa -P "$MSSQL_SA_PASSWORD" -C -b -I)

# SQL Server Agent runs the CDC capture job: without it Debezium sees no change at all.
agent=$("${sqlcmd[@]}" -h -1 -W -Q "SET NOCOUNT ON; SELECT COUNT(*) FROM sys.dm_server_services
  WHERE servicename LIKE 'SQL Server Agent%' AND status_desc = 'Running'")
[[ "${agent//[[:space:]]/}" == "1" ]] || { echo "SQL Server Agent is not running: set MSSQL_AGENT_ENABLED=true" >&2; exit 1; }

"${sqlcmd[@]}" -v DB="$CATALOG_DB_NAME" USR="$CATALOG_DB_USER" PWD_="$CATALOG_DB_PASSWORD" -i /init/create-database.sql

tables=$("${sqlcmd[@]}" -d "$CATALOG_DB_NAME" -h -1 -W -Q "SET NOCOUNT ON; SELECT COUNT(*) FROM sys.tables
  WHERE name IN ('movies', 'people', 'movie_people') AND schema_id = SCHEMA_ID('dbo')")
if [[ "${tables//[[:space:]]/}" == "0" ]]; then
  echo "applying the catalog schema and enabling CDC"
  "${sqlcmd[@]}" -d "$CATALOG_DB_NAME" -i /migrations/V1__catalog.sql
  "${sqlcmd[@]}" -d "$CATALOG_DB_NAME" -i /migrations/V2__cdc.sql
else
  echo "catalog tables already there: schema left as it is"
fi
echo "catalog database '$CATALOG_DB_NAME' ready, CDC enabled"
