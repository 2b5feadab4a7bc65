#!/usr/bin/env bash
# Renders an experiment's report.html in headless Chromium and checks that every figure renders:
# each <img> has loaded (complete, natural size > 0) and is not blank (its pixels vary).
#
#   scripts/check-report.sh target/concernet/<system>/report.html [screenshot.png]
#
# Prints "IMAGES <loaded>/<total> NONBLANK <nonblank> SIZES <w>x<h> ..." and exits 0 when all
# images loaded and are non-blank (and there is at least one), 1 when not, 2 on usage or browser
# errors. The report itself stays script-free: the check runs in a copy with a small script added.
# With a second argument, also writes a screenshot of the report (the top 1280×2400 pixels).
# Needs Debian's chromium (apt-get install -y chromium); CHROMIUM=/path overrides /usr/bin/chromium.
set -euo pipefail

if [[ $# -lt 1 || ! -f "$1" ]]; then
  echo "usage: $0 report.html [screenshot.png]" >&2
  exit 2
fi
report=$(realpath "$1")
shot=${2:-}
chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then
  echo "no Chromium at $chromium (apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars --virtual-time-budget=15000)

cat > "$work/check.js" <<'JS'
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var loaded = 0, nonblank = 0, sizes = [];
  images.forEach(function (img) {
    sizes.push(img.naturalWidth + "x" + img.naturalHeight);
    if (!(img.complete && img.naturalWidth > 0 && img.naturalHeight > 0)) return;
    loaded++;
    var canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    var g = canvas.getContext("2d");
    g.drawImage(img, 0, 0);
    var px = g.getImageData(0, 0, canvas.width, canvas.height).data;
    var sum = 0, squares = 0, n = 0;
    for (var k = 0; k < px.length; k += 16) {
      var grey = 0.299 * px[k] + 0.587 * px[k + 1] + 0.114 * px[k + 2];
      sum += grey; squares += grey * grey; n++;
    }
    var mean = sum / n;
    if (squares / n - mean * mean > 1) nonblank++;
  });
  var out = document.createElement("pre");
  out.id = "concernet-image-check";
  out.textContent = "IMAGES " + loaded + "/" + images.length + " NONBLANK " + nonblank + " SIZES " + sizes.join(" ");
  document.body.appendChild(out);
});
JS

probe="$work/probe.html"
# the report has exactly one </body> (text in it is escaped); the checker goes just before it
sed 's#</body>#<script src="check.js"></script></body>#' "$report" > "$probe"

if ! "$chromium" "${flags[@]}" --user-data-dir="$work/profile" --dump-dom "file://$probe" \
    > "$work/dom.html" 2> "$work/chromium.log"; then
  echo "chromium failed:" >&2
  tail -20 "$work/chromium.log" >&2
  exit 2
fi
line=$(grep -o 'IMAGES [0-9]*/[0-9]* NONBLANK [0-9]* SIZES[0-9x ]*' "$work/dom.html" || true)
if [[ -z "$line" ]]; then
  echo "the image check did not run (no result in the rendered DOM)" >&2
  tail -20 "$work/chromium.log" >&2
  exit 2
fi
echo "$line"

if [[ -n "$shot" ]]; then
  "$chromium" "${flags[@]}" --user-data-dir="$work/profile-shot" --window-size=1280,2400 \
    --screenshot="$(realpath -m "$shot")" "file://$report" > /dev/null 2>> "$work/chromium.log" \
    || { echo "screenshot failed" >&2; tail -20 "$work/chromium.log" >&2; exit 2; }
  echo "screenshot: $shot"
fi

read -r loaded total nonblank < <(echo "$line" | sed -E 's#IMAGES ([0-9]+)/([0-9]+) NONBLANK ([0-9]+).*#\1 \2 \3#')
if [[ "$total" -gt 0 && "$loaded" -eq "$total" && "$nonblank" -eq "$total" ]]; then
  exit 0
fi
echo "not every image rendered: $loaded of $total loaded, $nonblank non-blank" >&2
exit 1
