#!/usr/bin/env bash
# Two real Syncthing instances ("desk" and "laptop") on this computer, sharing one
# jobfutures data folder over 127.0.0.1 only, with edits on both sides: one after
# the other, at the same moment, and while one side keeps the data open (the
# store's merge before each commit). Prints what it measured and PASS or FAIL
# (exit 1). Not part of the test suite. See docs/storage.md, "Several devices".
#
#   scripts/two_syncthings.sh             # installs syncthing if missing, then runs
#   scripts/two_syncthings.sh --remove    # the same, then removes its temporary folder
#   scripts/two_syncthings.sh --help      # every option (rounds, saves, timeouts)
#
# The rest is scripts/two_syncthings.py, run with the project's .venv if there is one.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(dirname "$here")"

install_syncthing() {
    command -v syncthing >/dev/null 2>&1 && return 0
    echo "two_syncthings: syncthing is not installed; installing it" >&2
    if command -v apt-get >/dev/null 2>&1; then
        local sudo=()
        if [ "$(id -u)" -ne 0 ]; then
            if ! command -v sudo >/dev/null 2>&1; then
                echo "two_syncthings: run as root, or install it: apt-get install syncthing" >&2
                return 1
            fi
            sudo=(sudo)
        fi
        "${sudo[@]}" apt-get update -q
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q syncthing
    elif [ "$(uname -s)" = Darwin ]; then
        if command -v brew >/dev/null 2>&1; then
            brew install syncthing
        else
            echo "two_syncthings: install Homebrew (https://brew.sh), then: brew install syncthing" >&2
            return 1
        fi
    else
        echo "two_syncthings: install syncthing with your package manager (dnf install" \
            "syncthing, pacman -S syncthing, zypper install syncthing…), then run this again" >&2
        return 1
    fi
    command -v syncthing >/dev/null 2>&1
}

case " $* " in
*" -h "* | *" --help "*) ;;
*) install_syncthing || exit 2 ;;
esac

python="$project/.venv/bin/python"
[ -x "$python" ] || python="$(command -v python3)"
if ! "$python" -c 'import jobfutures_tui' 2>/dev/null; then
    echo "two_syncthings: $python cannot import jobfutures_tui; install the project first:" \
        "python3 -m venv .venv && .venv/bin/pip install -e ." >&2
    exit 2
fi
exec "$python" "$here/two_syncthings.py" "$@"
