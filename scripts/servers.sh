#!/usr/bin/env bash
# Start, stop or check the action server and the Rasa server in the background.
#   scripts/servers.sh start|stop|status
# Ports and hosts come from the environment (see the Makefile); logs and pid files go to var/.
set -euo pipefail
cd "$(dirname "$0")/.."
VAR=${SHOP_VAR_DIR:-var}
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_PORT:-5055}
HOST=${BIND_HOST:-127.0.0.1}
mkdir -p "$VAR/log" "$VAR/run"
export RASA_TELEMETRY_ENABLED=false SANIC_HOST="$HOST"

alive() { [ -f "$VAR/run/$1.pid" ] && kill -0 "$(cat "$VAR/run/$1.pid")" 2>/dev/null; }

wait_http() { # url seconds name
  for _ in $(seq "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    alive "$3" || { echo "error: the $3 server exited; see $VAR/log/$3.log:" >&2; tail -n 20 "$VAR/log/$3.log" >&2; return 1; }
    sleep 1
  done
  echo "error: the $3 server did not answer at $1 within $2 s; see $VAR/log/$3.log" >&2
  return 1
}

start() {
  if alive actions; then echo "action server already running (pid $(cat "$VAR/run/actions.pid"))"; else
    setsid .venv/bin/python -m rasa_sdk --actions actions --port "$ACTION_PORT" >"$VAR/log/actions.log" 2>&1 &
    echo $! >"$VAR/run/actions.pid"
  fi
  if alive rasa; then echo "Rasa server already running (pid $(cat "$VAR/run/rasa.pid"))"; else
    model=$(ls -t models/*.tar.gz 2>/dev/null | head -n 1 || true)
    [ -n "$model" ] || { echo "error: no trained model in models/; run 'make train'" >&2; exit 1; }
    setsid .venv-rasa/bin/rasa run --model "$model" -i "$HOST" --port "$RASA_PORT" \
      --endpoints "${RASA_ENDPOINTS:-endpoints.yml}" --credentials credentials.yml \
      --log-file "$VAR/log/rasa-debug.log" >"$VAR/log/rasa.log" 2>&1 &
    echo $! >"$VAR/run/rasa.pid"
  fi
  wait_http "http://$HOST:$ACTION_PORT/health" 60 actions
  wait_http "http://$HOST:$RASA_PORT/" 180 rasa
  scripts/webchat.sh start >/dev/null
  cat <<MSG

  The shop assistant is running on this machine only:
    Rasa server     http://$HOST:$RASA_PORT   (REST channel: POST /webhooks/rest/webhook)
    action server   http://$HOST:$ACTION_PORT
    chat page       http://$HOST:${WEBCHAT_PORT:-8080}/   (demo shop with the chat widget)
    logs            $VAR/log/

  Talk to it:   make shell
     or:        curl -s http://$HOST:$RASA_PORT/webhooks/rest/webhook -H 'Content-Type: application/json' \\
                     -d '{"sender": "me", "message": "where is my order 10000003?"}'
  Demo login:   alice@example.com with order 10000001 (see README "Demo data")
  Stop it:      make stop
MSG
}

stop() {
  scripts/webchat.sh stop
  for name in rasa actions; do
    if alive "$name"; then
      pid=$(cat "$VAR/run/$name.pid")
      kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
      for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      echo "stopped $name (pid $pid)"
    fi
    rm -f "$VAR/run/$name.pid"
  done
}

status() {
  scripts/webchat.sh status
  for name in actions rasa; do
    if alive "$name"; then echo "$name: running (pid $(cat "$VAR/run/$name.pid"))"; else echo "$name: stopped"; fi
  done
}

"${1:-status}"
