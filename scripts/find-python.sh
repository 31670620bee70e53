#!/usr/bin/env bash
# Print the path of a Python interpreter of the wanted minor version (e.g. 3.10), or fail
# with a message saying how to get one. Order: $PYTHON<major><minor> (e.g. PYTHON310),
# pythonX.Y on PATH, pyenv's versions, the system's /usr/bin and /usr/local/bin.
set -euo pipefail
want="${1:?usage: find-python.sh 3.10}"
var="PYTHON${want/./}"
candidates=()
[ -n "${!var:-}" ] && candidates+=("${!var}")
command -v "python$want" >/dev/null 2>&1 && candidates+=("$(command -v "python$want")")
for dir in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$want".*/bin /usr/local/bin /usr/bin; do
  [ -x "$dir/python$want" ] && candidates+=("$dir/python$want")
done
for py in "${candidates[@]}"; do
  if [ "$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "$want" ]; then
    echo "$py"
    exit 0
  fi
done
cat >&2 <<MSG
error: no Python $want interpreter found.
  Rasa Open Source 3.6 runs only on Python 3.10 (the action server uses 3.11).
  Install one, e.g.  pyenv install $want   or   apt-get install python$want python$want-venv
  or point to it:     make run $var=/path/to/python$want
MSG
exit 1
