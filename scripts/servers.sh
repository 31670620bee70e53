#!/usr/bin/env bash
# Start, stop or check the action server and the Rasa server in the background.
#   scripts/servers.sh start|prod|stop|status      (prod: the scale-out set-up, see prod() below)
# Ports and hosts come from the environment (see the Makefile); logs and pid files go to var/.
set -euo pipefail
cd "$(dirname "$0")/.."
VAR=${SHOP_VAR_DIR:-var}
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_PORT:-5055}
HOST=${BIND_HOST:-127.0.0.1}
mkdir -p "$VAR/log" "$VAR/run"
export RASA_TELEMETRY_ENABLED=false SANIC_HOST="$HOST"
# Sanic (Rasa's web server) refuses bodies larger than this with 413 before reading them
# (its own default is 100 MB); the REST channel has its own, smaller limit (docs/security.md).
export SANIC_REQUEST_MAX_SIZE=${SANIC_REQUEST_MAX_SIZE:-1048576}
# Rasa's HTTP API (/conversations, /model, ...) stays off unless RASA_ENABLE_API=1, and then needs
# RASA_AUTH_TOKEN. ACTION_SERVER_TOKEN, when set, is required by the action server on every request.
RASA_AUTH_TOKEN=${RASA_AUTH_TOKEN:-}
RASA_API_ARGS=()
case "${RASA_ENABLE_API:-0}" in
  1|true|yes)
    if [ "${#RASA_AUTH_TOKEN}" -lt 16 ] 2>/dev/null || [ -z "${RASA_AUTH_TOKEN:-}" ]; then
      echo "error: RASA_ENABLE_API=1 needs RASA_AUTH_TOKEN (at least 16 characters, e.g. \$(openssl rand -hex 24)); refusing to start the API without a token" >&2
      exit 2
    fi
    RASA_API_ARGS=(--enable-api --auth-token "$RASA_AUTH_TOKEN");;
  0|false|no|"") ;;
  *) echo "error: RASA_ENABLE_API must be 1 or 0, got '$RASA_ENABLE_API'" >&2; exit 2;;
esac

alive() { [ -f "$VAR/run/$1.pid" ] && kill -0 "$(cat "$VAR/run/$1.pid")" 2>/dev/null; }

# Human handoff (issue 5): the secret shared by the Rasa handoff channel and the agent console.
# Generated once into $VAR/run/handoff_secret (0600) unless SHOP_HANDOFF_SECRET is set.
AGENT_PORT=${AGENT_PORT:-8090}
if [ -z "${SHOP_HANDOFF_SECRET:-}" ]; then
  [ -s "$VAR/run/handoff_secret" ] || (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$VAR/run/handoff_secret")
  SHOP_HANDOFF_SECRET=$(cat "$VAR/run/handoff_secret")
fi
export SHOP_HANDOFF_SECRET SHOP_HANDOFF_RASA_URL="http://$HOST:$RASA_PORT"

# A port someone else already listens on: starting there would fail (and a health check would
# answer for the other program), so say so instead.
port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
refuse_busy() { # port name variable
  if port_busy "$1"; then
    echo "error: port $1 on $HOST is already in use by another program, so the $2 cannot start." >&2
    echo "       Stop that program (another 'make run' elsewhere?) or choose another port: $3=..." >&2
    exit 1
  fi
}

wait_http() { # url seconds name
  for _ in $(seq "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    alive "$3" || { echo "error: the $3 server exited; see $VAR/log/$3.log:" >&2; tail -n 20 "$VAR/log/$3.log" >&2; return 1; }
    sleep 1
  done
  echo "error: the $3 server did not answer at $1 within $2 s; see $VAR/log/$3.log" >&2
  return 1
}

# With SANIC_WORKERS > 1 the first worker answers while the others still load the model; wait for
# each to log that it is up (rasa.log is rewritten at every start), so every worker takes traffic.
wait_workers() { # count seconds
  [ "$1" -gt 1 ] 2>/dev/null || return 0
  for _ in $(seq "$2"); do
    [ "$(grep -c 'Rasa server is up and running' "$VAR/log/rasa.log" 2>/dev/null)" -ge "$1" ] && return 0
    alive rasa || { echo "error: the Rasa server exited; see $VAR/log/rasa.log" >&2; return 1; }
    sleep 1
  done
  echo "error: not all $1 Rasa workers came up within $2 s (Rasa runs one worker without a Redis lock store: RASA_LOCK_STORE_URL); see $VAR/log/rasa.log" >&2
  return 1
}

start() {
  # Check both ports before starting anything, so a refusal leaves nothing half-started.
  alive actions || refuse_busy "$ACTION_PORT" "action server" ACTION_PORT
  alive rasa || refuse_busy "$RASA_PORT" "Rasa server" RASA_PORT
  if alive actions; then echo "action server already running (pid $(cat "$VAR/run/actions.pid"))"; else
    setsid .venv/bin/python -m shopassist.action_server --actions actions --port "$ACTION_PORT" >"$VAR/log/actions.log" 2>&1 &
    echo $! >"$VAR/run/actions.pid"
  fi
  if alive rasa; then echo "Rasa server already running (pid $(cat "$VAR/run/rasa.pid"))"; else
    model=$(ls -t models/*.tar.gz 2>/dev/null | head -n 1 || true)
    [ -n "$model" ] || { echo "error: no trained model in models/; run 'make train'" >&2; exit 1; }
    # The endpoints file Rasa runs with: endpoints.yml (or RASA_ENDPOINTS) plus the environment's
    # settings (action server URL and token, tracker and lock store), mode 0600 in $VAR/run.
    .venv/bin/python -m shopassist.action_server write-endpoints "$VAR/run/endpoints.yml" \
      --base "${RASA_ENDPOINTS:-endpoints.yml}" --action-url "http://$HOST:$ACTION_PORT/webhook" >/dev/null
    setsid .venv-rasa/bin/rasa run --model "$model" -i "$HOST" --port "$RASA_PORT" \
      --endpoints "$VAR/run/endpoints.yml" --credentials credentials.yml "${RASA_API_ARGS[@]}" \
      --log-file "$VAR/log/rasa-debug.log" >"$VAR/log/rasa.log" 2>&1 &
    echo $! >"$VAR/run/rasa.pid"
  fi
  # The analytics consumer: Rasa's events (its event broker) -> analytics tables (docs/insights.md).
  if [ "${RASA_EVENT_BROKER_URL:-}" != off ] && ! alive insights; then
    setsid .venv/bin/python -m shopassist.insights.consumer >"$VAR/log/insights.log" 2>&1 &
    echo $! >"$VAR/run/insights.pid"
  fi
  wait_http "http://$HOST:$ACTION_PORT/health" 60 actions
  wait_http "http://$HOST:$RASA_PORT/" 180 rasa
  wait_workers "${SANIC_WORKERS:-1}" 300
  [ "${SHOP_NO_WEBCHAT:-0}" = 1 ] || scripts/webchat.sh start >/dev/null
  # agent console (issue 5): its password is SHOP_AGENT_PASSWORD or generated into $VAR/agent_password
  if ! alive agents; then
    refuse_busy "$AGENT_PORT" "agent console" AGENT_PORT
    setsid .venv/bin/python -m shopassist.handoff.console --host "$HOST" --port "$AGENT_PORT" >"$VAR/log/agents.log" 2>&1 &
    echo $! >"$VAR/run/agents.pid"
  fi
  wait_http "http://$HOST:$AGENT_PORT/health" 30 agents
  # No answer generator yet: train one at the lowest priority while answers are extractive.
  gen_line=$(.venv/bin/python -m shopassist.generation.background start || echo "generator: background training could not start")
  cat <<MSG

  The shop assistant is running on this machine only${SANIC_WORKERS:+ (Rasa workers: $SANIC_WORKERS)}:
    Rasa server     http://$HOST:$RASA_PORT   (REST channel: POST /webhooks/rest/webhook)
    action server   http://$HOST:$ACTION_PORT
    chat page       http://$HOST:${WEBCHAT_PORT:-8080}/   (demo shop with the chat widget)
    agent console   http://$HOST:$AGENT_PORT/   (password: \$SHOP_AGENT_PASSWORD or $VAR/agent_password)
    logs            $VAR/log/
    $gen_line

  Talk to it:   make shell
     or:        curl -s http://$HOST:$RASA_PORT/webhooks/rest/webhook -H 'Content-Type: application/json' \\
                     -d '{"sender": "me", "message": "where is my order 10000003?"}'
  Demo login:   alice@example.com with order 10000001 (see README "Demo data")
  Stop it:      make stop
MSG
}

# Scale-out (`make run-prod`, tests/integration/test_scaleout.py): PostgreSQL tracker store and shop
# database, Redis lock store, SANIC_WORKERS Rasa workers behind one port. `shopassist.scaleout`
# fills in the defaults, checks both services, creates the databases and seeds the shop.
prod() {
  local line
  while IFS= read -r line; do export "${line?}"; done < <(.venv/bin/python -m shopassist.scaleout env)
  .venv/bin/python -m shopassist.scaleout prepare
  start
}

stop() {
  [ "${SHOP_NO_WEBCHAT:-0}" = 1 ] || scripts/webchat.sh stop
  .venv/bin/python -m shopassist.generation.background stop | grep -v "no background" || true
  for name in agents rasa actions insights; do
    if alive "$name"; then
      pid=$(cat "$VAR/run/$name.pid")
      kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
      for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      if kill -0 "$pid" 2>/dev/null; then  # still there after 30 s: force it
        kill -KILL -- -"$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      fi
      echo "stopped $name (pid $pid)"
    fi
    rm -f "$VAR/run/$name.pid"
  done
}

status() {
  [ "${SHOP_NO_WEBCHAT:-0}" = 1 ] || scripts/webchat.sh status
  for name in actions rasa agents insights; do
    if alive "$name"; then echo "$name: running (pid $(cat "$VAR/run/$name.pid"))"; else echo "$name: stopped"; fi
  done
  .venv/bin/python -m shopassist.generation.background status
}

"${1:-status}"
