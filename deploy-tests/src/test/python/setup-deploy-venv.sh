#!/usr/bin/env bash
# Creates (or refreshes) the Python venv holding the validators deploy-tests runs: kubernetes-validate (the
# Kubernetes OpenAPI schemas, strict) and check-jsonschema (the compose-spec schema). Both work offline.
# The venv lives outside the repository: $DEPLOY_VENV, by default ~/.cache/movie-recs/deploy-venv.
# Idempotent: does nothing when the pinned versions are already installed there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${DEPLOY_VENV:-$HOME/.cache/movie-recs/deploy-venv}"
pinned="$(grep -Ev '^(#|$)' "$here/requirements.txt")"
if [[ -x "$venv/bin/kubernetes-validate" && -x "$venv/bin/check-jsonschema" ]] \
   && [[ $("$venv/bin/pip" freeze 2>/dev/null | grep -cxF "$pinned") -eq $(wc -l <<<"$pinned") ]]; then
  echo "deploy validators already in $venv"
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q -r "$here/requirements.txt"
echo "deploy validators installed in $venv: $("$venv/bin/pip" freeze | grep -E '^(kubernetes-validate|check-jsonschema)==' | tr '\n' ' ')"
