#!/bin/sh
# Regenerate empty.png, loaded.png, error.png, library.png, search.png, notes.png,
# reextract.png, import.png (1280x800), small.png (800x500) and large.png (1920x1080, finding in
# the article): the real app on a real
# X server (Xvfb) with a window manager (openbox, when installed), driven from outside with
# xdotool as a person would (type an address, Enter, Ctrl+S, Ctrl+K to search the library,
# Ctrl+F to find in the article, Ctrl+Shift+I to import a list).
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
while [ ! -s "$tmp/display" ]; do sleep 0.1; done  # Xvfb picked a free display number
display=":$(cat "$tmp/display")"
"$python" -m http.server "$port" --bind 127.0.0.1 --directory "$root/tests/data" \
    >"$tmp/http.log" 2>&1 &
pids="$pids $!"
mkdir -m 700 "$tmp/run"
frame=""
if command -v openbox >/dev/null; then
    DISPLAY="$display" openbox >"$tmp/openbox.log" 2>&1 &
    pids="$pids $!"
    frame="-frame"  # the window with its title bar, as on a desktop
fi
export DISPLAY="$display" QT_QPA_PLATFORM=xcb XDG_RUNTIME_DIR="$tmp/run" \
    CLIPPER_CONFIG_DIR="$tmp/config" CLIPPER_CACHE_DIR="$tmp/cache" \
    CLIPPER_LIBRARY="$tmp/Clipper library"
# The corpus pages link images on the web, which a sandbox without internet cannot fetch:
# saving without images keeps "could not be downloaded" warnings out of the pictures.
mkdir -p "$tmp/config"
echo '{"download_images": false}' >"$tmp/config/settings.json"
sleep 1
(cd "$root" && exec "$python" -m clipper) >"$tmp/app.log" 2>&1 &
pids="$pids $!"

window=$(xdotool search --sync --onlyvisible --name "^Clipper" | head -n 1)
shot() { import $frame -window "$window" "$here/$1"; }
size() {
    xdotool windowsize --sync "$window" "$1" "$2" windowmove "$window" 0 0
    xdotool windowactivate --sync "$window" 2>/dev/null || xdotool windowfocus --sync "$window"
    sleep 1.5
}
size 1280 800
shot empty.png

xdotool type --delay 2 "http://127.0.0.1:$port/devdiscourse-russia-afghan.html"
xdotool key Return
xdotool search --sync --onlyvisible --name "^Russia says" >/dev/null
sleep 1
xdotool key ctrl+s
sleep 1.5
shot loaded.png

xdotool key ctrl+l
xdotool type --delay 2 "http://127.0.0.1:$port/no-such-article.html"
xdotool key Return
sleep 2
shot error.png

# A few more clips, then search the library (Ctrl+K) and open the best match (Enter).
for page in ars-1 herald-sun-1 lemonde-1 medium-2 v8-blog keep-tabular-data; do
    xdotool key ctrl+l
    xdotool type --delay 2 "http://127.0.0.1:$port/readability/$page/source.html"
    xdotool key Return
    sleep 2.5
    xdotool key ctrl+s
    sleep 1.5
done
xdotool key ctrl+k Down Down Return  # the third newest clip, opened from the list
sleep 2
shot library.png
xdotool type --delay 40 "surveillance"
sleep 1.5
xdotool key Return
sleep 2
shot search.png

# The same window small and large: the form in one column, the panes still readable; then
# the reference page with the find bar (Ctrl+F).
xdotool key ctrl+k Escape  # the search cleared: the list again
xdotool key ctrl+l
xdotool type --delay 2 "http://127.0.0.1:$port/devdiscourse-russia-afghan.html"
xdotool key Return
sleep 2.5
size 800 500
shot small.png
size 1920 1040
xdotool key ctrl+f
xdotool type --delay 40 "Afghan"
xdotool key F3
sleep 1
shot large.png

# What the Markdown leaves out of a page (the line above the article, clicked open), and
# Re-extract (File > Re-extract from Saved Page...) of a clip an older extractor made: its
# second paragraph's first sentence and its last two paragraphs missing.
xdotool key Escape
size 1280 800
mkdir "$tmp/notes"
gunzip -c "$root/tests/data/corpus-sample/lwn-1/source.html.gz" >"$tmp/notes/lwn-1.html"
"$python" -m http.server "$((port + 2))" --bind 127.0.0.1 --directory "$tmp/notes" \
    >"$tmp/http-notes.log" 2>&1 &
pids="$pids $!"
sleep 1
xdotool key ctrl+l
xdotool type --delay 2 "http://127.0.0.1:$((port + 2))/lwn-1.html"
xdotool key Return
sleep 3
xdotool mousemove --window "$window" 860 184 click 1
sleep 1
shot notes.png
(cd "$root" && "$python" - "$CLIPPER_LIBRARY" <<'EOF'
import re
import sys
from pathlib import Path

from clipper.library import read_clip
from clipper.library.snapshots import body_hash

path = next(Path(sys.argv[1]).glob("Russia says*.md"))
text = path.read_text(encoding="utf-8")
body = read_clip(path).body
paragraphs = body.rstrip("\n").split("\n\n")
paragraphs[2] = paragraphs[2].split(". ", 1)[-1]
older = "\n\n".join(paragraphs[:-2]) + "\n"
text = re.sub(r'body_hash: "[^"]*"', f'body_hash: "{body_hash(older)}"', text.replace(body, older))
path.write_text(text, encoding="utf-8")
EOF
)
xdotool key ctrl+k
xdotool type --delay 20 "Russia"
sleep 1.5
xdotool key Return
sleep 2.5
xdotool key alt+f x
dialog=$(xdotool search --sync --onlyvisible --name "^Re-extract from" | head -n 1)
sleep 2.5
import $frame -window "$dialog" "$here/reextract.png"
xdotool key Escape
sleep 1
xdotool key ctrl+k Escape

# File > Import... (Ctrl+Shift+I): a reading list of the corpus sample's pages and one that is
# gone, pictured while it runs (0.5 s between two pages of one site: ~15 s for them all).
mkdir "$tmp/pages"
for source in $(ls "$root"/tests/data/corpus-sample/*/source.html.gz | head -n 30); do
    page=$(basename "$(dirname "$source")")
    gunzip -c "$source" >"$tmp/pages/$page.html"
    echo "http://127.0.0.1:$((port + 1))/$page.html" >>"$tmp/reading-list.txt"
done
echo "http://127.0.0.1:$((port + 1))/gone.html" >>"$tmp/reading-list.txt"
"$python" -m http.server "$((port + 1))" --bind 127.0.0.1 --directory "$tmp/pages" \
    >"$tmp/http-pages.log" 2>&1 &
pids="$pids $!"
sleep 1
xdotool key Escape ctrl+shift+i
sleep 1.5
xdotool type --delay 2 "$tmp/reading-list.txt"
xdotool key Return
sleep 7
import -window root "$here/import.png"

ls "$tmp/Clipper library"/*.md >/dev/null  # Ctrl+S really saved a clip
echo "screenshots written to $here"
