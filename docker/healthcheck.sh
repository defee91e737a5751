#!/usr/bin/env bash
# Container health check without curl or wget (the JRE image has neither): asks a Spring Boot Actuator
# health group over HTTP on loopback and succeeds only when its status is UP.
#   healthcheck.sh PORT [PATH]    PATH defaults to /actuator/health/readiness
set -euo pipefail
port="${1:?usage: healthcheck.sh PORT [PATH]}"
path="${2:-/actuator/health/readiness}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
response="$(timeout 5 cat <&3)"
[[ "$response" == "HTTP/1."?" 200"* && "$response" == *'"status":"UP"'* ]]
