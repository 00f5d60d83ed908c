#!/usr/bin/env bash
# Captures the Spark UI's SQL tab, with the connector's metrics shown in the plan's nodes, into
# docs/images/sql-tab.png: headless Chromium (Debian package "chromium", installed with apt-get when missing) driven by
# playwright-core from npm (installed into docs/tools/node_modules when missing). Run from anywhere after
#   mvn -B -DskipTests -Pquickstart verify      (which builds everything and makes the sample videos)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
videos="$root/examples/target/quickstart/videos"
out="$root/docs/images/sql-tab.png"
stop=$(mktemp -u)
if ! command -v chromium >/dev/null; then
  apt-get update -qq && apt-get install -y -qq chromium
fi
if [ ! -d "$root/docs/tools/node_modules/playwright-core" ]; then
  (cd "$root/docs/tools" && npm install --no-save --silent playwright-core@1.64.1)
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

node "$root/docs/tools/sql-tab-screenshot.mjs" "http://127.0.0.1:4040/SQL/execution/?id=0" "$out"
echo "Wrote $out"
