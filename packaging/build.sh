#!/usr/bin/env bash
# Build the one-folder Clipper app with PyInstaller from a clean copy of this checkout, in a
# throw-away venv, then smoke-test the bundle the way a person would use it:
#   1. `clipper --version` names the package version;
#   2. `clipper extract` cleans the reference page (checked against its expected facts);
#   3. the window starts offscreen with the reference page, shows it and quits with status 0;
#   4. `--install-desktop` into a temporary XDG_DATA_HOME points the menu entry at the bundle.
# Then it prints the bundle's size and its start-up times (median of 5 runs).
#
# Usage: packaging/build.sh [OUT_DIR]     (default: dist/ in the checkout; the app is OUT_DIR/clipper)
# Environment: PYTHON (default python3, >= 3.10), KEEP_BUILD=1 keeps the temporary build folder,
#              PIP_ARGS extra arguments for pip (e.g. a local wheel cache).
# Linux needs the Qt runtime libraries: libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/dist}" && cd "${1:-$ROOT/dist}" && pwd)"
PYTHON="${PYTHON:-python3}"
PYINSTALLER="pyinstaller>=6.10,<7"
REFERENCE="tests/data/devdiscourse-russia-afghan.html"
EXPECT="tests/data/devdiscourse-russia-afghan.expect.json"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/clipper-build.XXXXXX")"
cleanup() { if [ "${KEEP_BUILD:-0}" = 1 ]; then echo "build folder kept: $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

step "clean copy of the checkout"
SRC="$WORK/src"
mkdir -p "$SRC"
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  # tracked and new files, nothing ignored (no venvs, caches or earlier builds)
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
     | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
     | tar --null -T - -cf -) | tar -xf - -C "$SRC"
else
  (cd "$ROOT" && tar --exclude=.git --exclude=.venv --exclude=dist --exclude=build -cf - .) \
    | tar -xf - -C "$SRC"
fi

step "venv with Clipper and PyInstaller"
"$PYTHON" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
# shellcheck disable=SC2086
"$VPY" -m pip install -q ${PIP_ARGS:-} --upgrade pip
# shellcheck disable=SC2086
"$VPY" -m pip install -q ${PIP_ARGS:-} "$SRC" "$PYINSTALLER"
VERSION="$("$VPY" -c 'import clipper; print(clipper.__version__)')"
echo "Clipper $VERSION, $("$VPY" -m PyInstaller --version | sed 's/^/PyInstaller /')"

step "PyInstaller"
rm -rf "$OUT/clipper"
# Run from outside the source tree so that the installed package (what the wheel ships) is
# analysed, not the checkout's clipper/ folder.
(cd "$WORK" && "$VPY" -m PyInstaller --noconfirm --clean --log-level WARN \
   --distpath "$OUT" --workpath "$WORK/build" "$SRC/packaging/clipper.spec")
APP="$OUT/clipper/clipper"
[ -x "$APP" ] || { echo "no executable at $APP" >&2; exit 1; }

step "smoke test"
SMOKE="$WORK/smoke"
mkdir -p "$SMOKE/run" && chmod 700 "$SMOKE/run"
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$SMOKE/run" \
       CLIPPER_CONFIG_DIR="$SMOKE/config" CLIPPER_CACHE_DIR="$SMOKE/cache" \
       CLIPPER_LIBRARY="$SMOKE/library"
unset CLIPPER_TEST_REPORT

got="$("$APP" --version)"
[ "$got" = "Clipper $VERSION" ] || { echo "--version said '$got'" >&2; exit 1; }
echo "ok  --version: $got"

"$APP" extract "$SRC/$REFERENCE" --json > "$SMOKE/extract.json"
"$VPY" - "$SMOKE/extract.json" "$SRC/$EXPECT" <<'EOF'
import json, sys
got = json.load(open(sys.argv[1], encoding="utf-8"))
expect = json.load(open(sys.argv[2], encoding="utf-8"))
text = got.get("markdown") or ""
problems = [f"title {got.get('title')!r}"] if got.get("title") != expect["title"] else []
problems += [f"missing {s!r}" for s in expect["must_contain"] if s not in text]
problems += [f"kept {s!r}" for s in expect["must_not_contain"] if s in text]
if problems:
    sys.exit("extract: " + "; ".join(problems))
print(f"ok  extract: {got['title']!r}, {len(text.split())} words")
EOF

CLIPPER_QUIT_AFTER_LOAD=1 CLIPPER_TEST_REPORT="$SMOKE/window.jsonl" \
  timeout 120 "$APP" "$SRC/$REFERENCE" > "$SMOKE/window.log" 2>&1 \
  || { echo "the window did not show the page and quit (status $?):" >&2; cat "$SMOKE/window.log" >&2; exit 1; }
grep -q '"event": "loaded"' "$SMOKE/window.jsonl" \
  || { echo "the window quit without reporting the loaded page" >&2; exit 1; }
echo "ok  window: started offscreen, showed the reference page, quit with status 0"

XDG_DATA_HOME="$SMOKE/share" "$APP" --install-desktop > "$SMOKE/installed.txt"
grep -qx "Exec=$APP %U" "$SMOKE/share/applications/"*.desktop \
  || { echo "the installed .desktop entry does not start the bundle" >&2; exit 1; }
XDG_DATA_HOME="$SMOKE/share" "$APP" --uninstall-desktop > /dev/null
echo "ok  --install-desktop / --uninstall-desktop ($(wc -l < "$SMOKE/installed.txt") files)"

step "size and start-up time"
"$VPY" - "$APP" "$SRC/$REFERENCE" "$OUT/clipper" <<'EOF'
import os, statistics, subprocess, sys, time
from pathlib import Path
app, page, folder = sys.argv[1:]

def median_seconds(args, env=None, runs=5):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=120)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

size = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file() and not p.is_symlink())
files = sum(1 for p in Path(folder).rglob("*") if p.is_file())
quit_env = {**os.environ, "CLIPPER_QUIT_AFTER_LOAD": "1"}
version = median_seconds([app, "--version"])
empty = median_seconds([app], env=quit_env)
loaded = median_seconds([app, page], env=quit_env)
print(f"bundle: {folder}\n  size {size / 1e6:.0f} MB in {files} files")
print(f"  start -> --version printed:                    {version:.2f} s (median of 5)")
print(f"  start -> empty window shown -> exit:           {empty:.2f} s")
print(f"  start -> reference page shown in window -> exit: {loaded:.2f} s")
EOF
