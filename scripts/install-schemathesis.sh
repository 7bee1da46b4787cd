#!/usr/bin/env bash
# Installs Schemathesis (PyPI), pinned in test/schemathesis/requirements.txt, into the git-ignored virtualenv
# .cache/venv, for the contract test (test/e2e/schemathesis.e2e.test.ts). Does nothing when it is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.cache/venv
requirements=test/schemathesis/requirements.txt
stamp="$venv/.requirements"

if [ -x "$venv/bin/schemathesis" ] && [ -f "$stamp" ] && cmp -s "$requirements" "$stamp"; then
  exit 0
fi
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing: scripts/install-system-deps.sh installs it" >&2; exit 1; }
echo "installing Schemathesis into $venv"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --requirement "$requirements"
"$venv/bin/schemathesis" --version
cp "$requirements" "$stamp"
