#!/bin/sh
# Regenerate the screenshots of issue 13: light-800x500.png, light-1920x1080.png,
# dark-800x500.png, dark-1920x1080.png (the main view in both themes), reader.png (the reader
# layout), library-filters.png (tags and sites with counts, a tag: filter) and
# settings-templates.png (Settings ▸ Templates). The real app on a real X server (Xvfb) with a
# window manager (openbox, when installed), driven from outside with xdotool as a person
# would; the library is filled first with `clipper save --tags`, through the same template.
# Needs: xvfb xauth xdotool imagemagick (apt; openbox for window frames), and the project
# installed (PYTHON=...).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
python=${PYTHON:-python3}
tmp=$(mktemp -d)
port=$((20000 + $$ % 20000))
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

Xvfb -displayfd 5 -screen 0 1920x1080x24 -nolisten tcp 5>"$tmp/display" 2>"$tmp/xvfb.log" &
pids="$pids $!"
while [ ! -s "$tmp/display" ]; do sleep 0.1; done
display=":$(cat "$tmp/display")"
"$python" -m http.server "$port" --bind 127.0.0.1 --directory "$root/tests/data" \
    >"$tmp/http.log" 2>&1 &
pids="$pids $!"
mkdir -m 700 "$tmp/run"
frame=""
if command -v openbox >/dev/null; then
    DISPLAY="$display" openbox >"$tmp/openbox.log" 2>&1 &
    pids="$pids $!"
    frame="-frame"
fi
export DISPLAY="$display" QT_QPA_PLATFORM=xcb XDG_RUNTIME_DIR="$tmp/run" \
    CLIPPER_CONFIG_DIR="$tmp/config" CLIPPER_CACHE_DIR="$tmp/cache" \
    CLIPPER_LIBRARY="$tmp/Clipper library"
mkdir -p "$tmp/config"
# No internet in a sandbox: no images fetched. A template like a vault's: Clippings/<site>.
settings() {
    "$python" - "$tmp/config/settings.json" "$1" <<'EOF'
import json, sys
from clipper.settings import default_front_matter
keys = default_front_matter() + [{"name": "status", "value": "unread", "type": "text"}]
json.dump({"download_images": False, "theme": sys.argv[2], "folder": "Clippings/{site}",
           "front_matter": keys, "version": 2}, open(sys.argv[1], "w"))
EOF
}
settings light
sleep 1
url() { echo "http://127.0.0.1:$port/$1"; }
clip() {  # the command line fills the library, tagged
    (cd "$root" && "$python" -m clipper save "$(url "$1")" --tags "$2") >/dev/null
}
clip devdiscourse-russia-afghan.html "politics,asia"
clip readability/ars-1/source.html "technology,security,read-later"
clip readability/herald-sun-1/source.html "sport,australia"
clip readability/lemonde-1/source.html "politics,europe,read-later"
clip readability/medium-2/source.html "writing,read-later"
clip readability/v8-blog/source.html "technology,javascript"
clip readability/keep-tabular-data/source.html "technology,data"
clip readability/social-buttons/source.html "web"

start() {
    (cd "$root" && exec "$python" -m clipper) >>"$tmp/app.log" 2>&1 &
    app=$!
    pids="$pids $app"
    window=$(xdotool search --sync --onlyvisible --name "^Clipper" | head -n 1)
}
shot() { import $frame -window "$window" "$here/$1"; }
size() {
    xdotool windowsize --sync "$window" "$1" "$2" windowmove "$window" 0 0
    xdotool windowactivate --sync "$window" 2>/dev/null || xdotool windowfocus --sync "$window"
    sleep 1.5
}
load() {
    xdotool key ctrl+l
    xdotool type --delay 2 "$(url "$1")"
    xdotool key Return
    sleep 2.5
}

start
size 1280 800
load devdiscourse-russia-afghan.html
size 800 500
shot light-800x500.png
size 1920 1040
shot light-1920x1080.png

# the reader layout (Ctrl+Shift+R), then back
size 1280 800
xdotool key ctrl+shift+r
sleep 1.5
shot reader.png
xdotool key ctrl+shift+r

# the library by tag: typed as tag:..., the side list checks it
xdotool key ctrl+k
xdotool type --delay 40 "tag:read-later "
sleep 2
shot library-filters.png
xdotool key ctrl+k Escape

# Settings ▸ Templates (Ctrl+, then Ctrl+Tab)
xdotool key ctrl+comma
dialog=$(xdotool search --sync --onlyvisible --name "^Settings" | head -n 1)
sleep 1
xdotool key ctrl+Tab
sleep 1
import $frame -window "$dialog" "$here/settings-templates.png"
xdotool key Escape
sleep 1

# the same window dark: quit, choose dark, start again
xdotool key ctrl+q
wait "$app" 2>/dev/null || true
settings dark
start
size 1280 800
load devdiscourse-russia-afghan.html
size 800 500
shot dark-800x500.png
size 1920 1040
shot dark-1920x1080.png
xdotool key ctrl+q
wait "$app" 2>/dev/null || true
ls "$tmp/Clipper library/Clippings"/*/*.md >/dev/null
echo "screenshots written to $here"
