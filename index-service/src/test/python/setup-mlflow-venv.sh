#!/usr/bin/env bash
# Creates (or refreshes) the Python venv holding the MLflow server that index-service's MlflowSnapshotIT starts.
# The venv lives outside the repository: $MLFLOW_VENV, by default ~/.cache/movie-recs/mlflow-venv.
# Idempotent: does nothing when the pinned mlflow is already installed there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${MLFLOW_VENV:-$HOME/.cache/movie-recs/mlflow-venv}"
wanted="$(sed -n 's/^mlflow==//p' "$here/requirements.txt")"
if [[ -x "$venv/bin/mlflow" ]] && [[ "$("$venv/bin/python" -c 'import mlflow; print(mlflow.__version__)' 2>/dev/null)" == "$wanted" ]]; then
  echo "mlflow $wanted already in $venv"
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q -r "$here/requirements.txt"
echo "mlflow $("$venv/bin/python" -c 'import mlflow; print(mlflow.__version__)') installed in $venv"
