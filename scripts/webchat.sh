#!/usr/bin/env bash
# Start, stop or check the webchat page server (the demo shop page with the chat widget).
#   scripts/webchat.sh start|stop|status
# The page is static (webchat/); the widget talks to Rasa's socket.io channel on RASA_PORT.
# Called by scripts/servers.sh; logs and the pid file go to var/ like the other servers.
set -euo pipefail
cd "$(dirname "$0")/.."
VAR=${SHOP_VAR_DIR:-var}
RASA_PORT=${RASA_PORT:-5005}
WEBCHAT_PORT=${WEBCHAT_PORT:-8080}
HOST=${BIND_HOST:-127.0.0.1}
mkdir -p "$VAR/log" "$VAR/run"
PIDFILE="$VAR/run/webchat.pid"

alive() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

start() {
  [ -f webchat/vendor/socket.io.min.js ] || { echo "error: webchat assets missing; run 'make webchat'" >&2; exit 1; }
  if alive; then echo "webchat page already running (pid $(cat "$PIDFILE"))"; else
    if (exec 3<>"/dev/tcp/$HOST/$WEBCHAT_PORT") 2>/dev/null; then
      echo "error: port $WEBCHAT_PORT on $HOST is already in use by another program; set WEBCHAT_PORT=..." >&2
      exit 1
    fi
    setsid .venv/bin/python -m shopassist.channels.webpage --host "$HOST" --port "$WEBCHAT_PORT" \
      --rasa-url "http://$HOST:$RASA_PORT" >"$VAR/log/webchat.log" 2>&1 &
    echo $! >"$PIDFILE"
  fi
  for _ in $(seq 20); do
    curl -fsS -o /dev/null "http://$HOST:$WEBCHAT_PORT/" 2>/dev/null && { echo "webchat page: http://$HOST:$WEBCHAT_PORT/"; return 0; }
    alive || break
    sleep 0.5
  done
  echo "error: the webchat page server did not start; see $VAR/log/webchat.log:" >&2
  tail -n 20 "$VAR/log/webchat.log" >&2 || true
  return 1
}

stop() {
  if alive; then
    pid=$(cat "$PIDFILE")
    kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    echo "stopped webchat (pid $pid)"
  fi
  rm -f "$PIDFILE"
}

status() {
  if alive; then echo "webchat: running (pid $(cat "$PIDFILE")) http://$HOST:$WEBCHAT_PORT/"; else echo "webchat: stopped"; fi
}

"${1:-status}"
