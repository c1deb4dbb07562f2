#!/usr/bin/env bash
# Create or refresh .venv from the lock file; re-installs only when the lock changes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lock="$root/${1:-requirements.lock}"
venv="$root/.venv"
python="${PYTHON:-python3}"

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "counsel-bot needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)." >&2
  exit 2
fi
if [ ! -x "$venv/bin/python" ]; then
  echo "Setting up .venv (first run only)..." >&2
  "$python" -m venv "$venv"
fi
stamp="$venv/.installed-$(basename "$lock")"
want="$(cat "$lock" "$root/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing dependencies from $(basename "$lock")..." >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$lock"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$root"
  echo "$want" > "$stamp"
fi
