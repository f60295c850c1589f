#!/bin/sh
# The html page in a real browser: headless Chromium opens the file with
# the network off and takes a screenshot, in which the chart's bars (the
# colour #1f5aa6) must show.  Skips cleanly when chromium is absent.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"

seed_reports || fail "seed the data set"
ok "html to a file" --format html report participation --by programme -o "$T/page.html"
same "the page is a file of mode 0640" "$(stat -c %a "$T/page.html")" "640"
if grep -o '<script\|<link\|url(\|https\?://[^" ]*' "$T/page.html" |
    grep -v '^http://www.w3.org/2000/svg$' | grep -q .; then
	fail "the page loads nothing from the network"
else
	pass "the page loads nothing from the network"
fi

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	skip "chromium renders the page with the chart's bars" "no chromium (make deps EXTRA_PKGS=chromium)"
	finish
	exit
fi
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$T/chr" --window-size=1000,700 \
    --screenshot="$T/shot.png" "file://$T/page.html" >"$T/chr.log" 2>&1
if [ -s "$T/shot.png" ]; then pass "chromium took a screenshot"; else
	cat "$T/chr.log" >"$ERR"; fail "chromium took a screenshot"; fi

# Counts the pixels of the bar colour in the PNG (zlib only, no imaging library).
bars=$(python3 - "$T/shot.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4}[ctype]
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
count = 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        r, g, bl = line[x], line[x + 1], line[x + 2]
        if abs(r - 0x1f) < 12 and abs(g - 0x5a) < 12 and abs(bl - 0xa6) < 12:
            count += 1
    prev = line
print(count)
PY
)
# 11 participations over 5 bars of at most 440 x 20 px: about 24,000 pixels
if [ "${bars:-0}" -gt 10000 ]; then pass "the screenshot shows the chart's bars ($bars px)"; else
	fail "the screenshot shows the chart's bars (${bars:-no} px)"; fi

finish
