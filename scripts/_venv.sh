# Shared by scripts/run and scripts/test: make .venv with Python 3.11+ and install extras.
# Usage: ensure_venv "embed" | ensure_venv "test,embed"
find_python() {
  for candidate in "${PYTHON:-}" python3.11 python3.12 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] < (3, 13)))'; then
      echo "$candidate"; return 0
    fi
  done
  echo "engage needs Python 3.11 or 3.12 (set PYTHON=/path/to/python3.11)" >&2
  return 1
}

ensure_venv() {
  local extras="$1" stamp=".venv/.installed-${1//,/-}"
  if [ ! -x .venv/bin/python ]; then
    "$(find_python)" -m venv .venv
    .venv/bin/python -m pip install --quiet --upgrade pip
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[${extras}]"
    touch "$stamp"
    # A superset of extras also satisfies the smaller sets.
    [ "$extras" = "test,embed" ] && touch .venv/.installed-embed
  fi
  return 0
}
