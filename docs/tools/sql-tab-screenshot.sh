#!/usr/bin/env bash
# Captures the Spark UI's SQL tab, with the connector's metrics, into docs/images/sql-tab.png using headless
# Chromium (Debian package "chromium"; installed with apt-get when missing). Run from anywhere after
#   mvn -B -DskipTests -Pquickstart verify      (which builds everything and makes the sample videos)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
videos="$root/examples/target/quickstart/videos"
out="$root/docs/images/sql-tab.png"
stop=$(mktemp -u)
if ! command -v chromium >/dev/null; then
  apt-get update -qq && apt-get install -y -qq chromium
fi
[ -d "$videos" ] || { echo "Run first: mvn -B -DskipTests -Pquickstart verify" >&2; exit 1; }

"$root/examples/bin/run-example" MetricsDemo "$videos" "$stop" > "$root/examples/target/metrics-demo.log" 2>&1 &
demo=$!
trap 'touch "$stop"; wait $demo 2>/dev/null || true; rm -f "$stop"' EXIT
for _ in $(seq 1 300); do
  grep -q "SQL tab is at" "$root/examples/target/metrics-demo.log" 2>/dev/null && break
  sleep 1
done
grep -q "SQL tab is at" "$root/examples/target/metrics-demo.log" || { cat "$root/examples/target/metrics-demo.log"; exit 1; }

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$(mktemp -d)" \
  --window-size=1400,2000 --screenshot="$out" "http://127.0.0.1:4040/SQL/execution/?id=0" >/dev/null 2>&1
echo "Wrote $out"
