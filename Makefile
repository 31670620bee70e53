# ShopAssist: one entry point. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export RASA_TELEMETRY_ENABLED := false
export SANIC_HOST := 127.0.0.1
export HF_HUB_OFFLINE := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONDONTWRITEBYTECODE := 1

RASA_VENV := .venv-rasa
APP_VENV  := .venv
RASA      := $(RASA_VENV)/bin/rasa
RASA_PY   := $(RASA_VENV)/bin/python
PY        := $(APP_VENV)/bin/python

.PHONY: help setup db train run stop status shell test test-unit test-conversations validate eval nlu-data lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

# --- environments -----------------------------------------------------------------------------
# Two virtual environments (see README "Why two environments"): Rasa pins Python 3.10 and old
# numpy/pydantic/SQLAlchemy; the action server and the shop package use Python 3.11 and current ones.
$(RASA_VENV)/.installed: requirements/rasa.lock.txt
	@py=$$(scripts/find-python.sh 3.10) || exit 1; \
	  [ -x $(RASA_VENV)/bin/python ] || { echo "creating $(RASA_VENV) with $$py"; $$py -m venv $(RASA_VENV); }
	$(RASA_VENV)/bin/pip install -q --disable-pip-version-check -r requirements/rasa.lock.txt
	$(RASA_VENV)/bin/pip check
	@touch $@

$(APP_VENV)/.installed: requirements/actions.lock.txt
	@py=$$(scripts/find-python.sh 3.11) || exit 1; \
	  [ -x $(APP_VENV)/bin/python ] || { echo "creating $(APP_VENV) with $$py"; $$py -m venv $(APP_VENV); }
	$(APP_VENV)/bin/pip install -q --disable-pip-version-check -r requirements/actions.lock.txt
	$(APP_VENV)/bin/pip check
	@touch $@

setup: $(RASA_VENV)/.installed $(APP_VENV)/.installed ## create both virtual environments (pinned)

lock: ## re-resolve requirements/*.in into the lock files
	$(RASA_VENV)/bin/pip install -q -r requirements/rasa.in && \
	  { echo "# Locked with: pip freeze (Python 3.10). Regenerate: make lock"; $(RASA_VENV)/bin/pip freeze; } > requirements/rasa.lock.txt
	$(APP_VENV)/bin/pip install -q -r requirements/actions.in && \
	  { echo "# Locked with: pip freeze (Python 3.11). Regenerate: make lock"; $(APP_VENV)/bin/pip freeze; } > requirements/actions.lock.txt

# --- data and model ---------------------------------------------------------------------------
db: $(APP_VENV)/.installed ## create and seed the demo shop database (idempotent)
	$(PY) -m shopassist.shop seed

nlu-data: $(RASA_VENV)/.installed ## regenerate data/nlu from our own templates
	$(RASA_PY) -m shopassist.nlu.generate
	$(RASA_PY) -m shopassist.nlu.zh.generate  # Chinese (issue 11): data/nlu/zh_*.yml

validate: $(RASA_VENV)/.installed ## rasa data validate
	$(RASA) data validate --domain domain.yml --data data --config config.yml

# Everything the Rasa model is built from: when none of it changed since the last training,
# make skips `rasa train` altogether (it would re-package an identical model from its cache).
TRAIN_INPUTS := config.yml domain.yml $(wildcard data/*.yml data/nlu/*.yml) \
	shopassist/nlu/tokenizer.py shopassist/nlu/splitting.py shopassist/nlu/exact_match.py shopassist/nlu/crf.py \
	shopassist/nlu/sentiment.py shopassist/nlu/sentiment_model.py shopassist/nlu/sentiment_data.py  # issue 5
# Chinese and English (issue 11): CJK segmentation and the language-detection component
TRAIN_INPUTS += shopassist/nlu/cjk.py shopassist/nlu/langdetect.py shopassist/nlu/language.py \
	shopassist/nlu/zh_classifier.py shopassist/nlu/language_diet.py

models/.trained: $(TRAIN_INPUTS) | $(RASA_VENV)/.installed
	$(RASA) train --domain domain.yml --data data --config config.yml --out models
	@touch $@

train: $(RASA_VENV)/.installed sentiment-encoder ## train the Rasa model if data, config or domain changed
	@ls models/*.tar.gz >/dev/null 2>&1 || rm -f models/.trained
	@$(MAKE) --no-print-directory models/.trained

# Sentiment (issue 5): MiniLM fine-tuned on our generated messages, exported to ONNX for the Rasa
# server (which has no torch); the NLU component averages it with its n-gram model. ~2 min on 2 cores.
SENTIMENT_ENCODER := models/sentiment-encoder/model.onnx
# sentiment_model.py: its normalise() prepares the training texts
$(SENTIMENT_ENCODER): shopassist/sentiment/encoder_training.py shopassist/nlu/sentiment_data.py \
		shopassist/nlu/sentiment_model.py | $(APP_VENV)/.installed
	$(PY) -m shopassist.sentiment.encoder_training --out $(dir $@)

.PHONY: sentiment-encoder
sentiment-encoder: $(SENTIMENT_ENCODER) ## fine-tune the sentiment encoder (MiniLM -> ONNX) if its inputs changed

# --- running ----------------------------------------------------------------------------------
run: setup db train kb-index webchat insights-demo ## set everything up and start the assistant (action server + Rasa REST on localhost)
	@scripts/servers.sh start

stop: ## stop the servers started by `make run`
	@scripts/servers.sh stop

status: ## are the servers running?
	@scripts/servers.sh status

shell: $(RASA_VENV)/.installed ## talk to the assistant in the terminal (uses the running action server)
	$(RASA) shell -i 127.0.0.1 --port 5006 --endpoints endpoints.yml --model models

# --- quality ----------------------------------------------------------------------------------
test-unit: $(APP_VENV)/.installed ## pytest without the server tests
	$(PY) -m pytest tests/unit -q

test-conversations: train ## rasa test on the conversation stories in tests/conversations
	$(RASA) test core --stories tests/conversations --model models --out reports/conversations --fail-on-prediction-errors

test: setup webchat browser validate train test-conversations ## the full suite: validation, conversation tests, pytest (unit, HTTP, end to end)
	$(PY) -m pytest tests -q

eval: $(RASA_VENV)/.installed $(APP_VENV)/.installed sentiment-encoder ## NLU report on ../shared/data into reports/eval; search/recommendation/copy into reports/search; pain-point clustering; KB answers into reports/answers
	@# every section runs even when an earlier one misses a target; the exit status reports any miss
	@status=0; \
	  $(RASA_PY) -m shopassist.evaluation --out reports/eval || status=$$?; \
	  echo "product search P@5/nDCG@5, recommendation hit rate, marketing copy ROUGE-L (issue #8):"; \
	  nice -n 10 $(PY) -m shopassist.evaluation.search --out reports/search || status=$$?; \
	  $(PY) -m shopassist.insights.topics --evaluate --out reports/eval/topics.json >/dev/null || status=$$?; \
	  echo "pain-point clustering (ARI, purity): reports/eval/topics.json"; \
	  echo "free-form answers, English (a)(b)(c) and Chinese (issues #13, #11): reports/answers"; \
	  $(MAKE) --no-print-directory eval-answers || status=$$?; \
	  exit $$status

clean: ## remove runtime files and trained models (keeps the environments)
	rm -rf var models reports .rasa

# --- channels: webchat page assets and the test browser -----------------------------------------
# The chat page (webchat/) is served locally by scripts/webchat.sh; its only third-party file is
# the socket.io client (and Chart.js for the insights dashboard), installed from npm
# (webchat/package-lock.json) and copied to webchat/vendor/.
.PHONY: webchat browser
WEBCHAT_VENDOR := webchat/vendor/socket.io.min.js

$(WEBCHAT_VENDOR): webchat/package.json webchat/package-lock.json
	cd webchat && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p webchat/vendor
	cp webchat/node_modules/chart.js/dist/chart.umd.min.js webchat/vendor/chart.umd.min.js  # insights dashboard
	cp webchat/node_modules/socket.io-client/dist/socket.io.min.js $@

webchat: $(WEBCHAT_VENDOR) ## install the chat page's socket.io client from npm (served locally, no CDN)

browser: ## install Debian's chromium for the webchat browser test (only if /usr/bin/chromium is missing)
	@[ -x /usr/bin/chromium ] || { apt-get update && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-color-emoji; }
	@# Chinese and English (issue 11): a CJK font, so the chat page renders Chinese (not boxes)
	@fc-list :lang=zh | grep -q . || DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-wqy-microhei
	@echo "chromium: /usr/bin/chromium"

# --- knowledge base answers (kb/, shopassist/knowledge, shopassist/generation) -------------------
.PHONY: report insights-demo
insights-demo: $(APP_VENV)/.installed ## put 400 simulated past conversations through the event path (once; the report has something to show)
	$(PY) -m shopassist.insights.simulate

report: $(APP_VENV)/.installed ## analytics report (Markdown + PNG charts) into reports/insights (REPORT_ARGS="--since 2026-11-01 --channel rest")
	$(PY) -m shopassist.insights.consumer --once
	$(PY) -m shopassist.insights.report --out reports/insights $(REPORT_ARGS)

.PHONY: kb-index train-generator eval-answers
GEN_STEPS ?= 3000

kb-index: $(APP_VENV)/.installed ## build the knowledge-base index into var/kb_index (only when kb/ or settings changed)
	nice -n 10 $(PY) -m shopassist.knowledge build

train-generator: $(APP_VENV)/.installed ## train the answer generator into models/generator (GEN_STEPS=3000; resumes)
	nice -n 10 $(PY) -m shopassist.generation.train --out models/generator --steps $(GEN_STEPS) --resume

eval-answers: $(APP_VENV)/.installed ## KB answer report (retrieval, correctness, IDK, latency) into reports/answers
	nice -n 10 $(PY) -m shopassist.evaluation.answers --out reports/answers $(if $(wildcard models/generator/final),--generator,)

# --- benchmarks (bench/, docs/benchmarks.md) ---------------------------------------------------
.PHONY: bench bench-smoke
BENCH_SOAK ?=

bench: setup train kb-index ## load, latency, memory, start and training benchmark vs a `rasa init` baseline into bench/results (BENCH_SOAK=600 adds a soak)
	$(PY) -m bench $(if $(BENCH_SOAK),--soak $(BENCH_SOAK),) $(BENCH_ARGS)

bench-smoke: setup kb-index ## quick benchmark run: our stack, a few requests, no baseline (into var/bench/smoke)
	$(PY) -m bench --smoke $(BENCH_ARGS)

# --- security and reliability (docs/security.md, docs/reliability.md) ----------------------------
.PHONY: audit run-prod
AUDIT_VENV := .venv-audit

$(AUDIT_VENV)/bin/pip-audit:
	python3 -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/pip install -q --disable-pip-version-check pip-audit

AUDIT_SERVICE ?= pypi
audit: $(AUDIT_VENV)/bin/pip-audit ## pip-audit over both lock files (AUDIT_SERVICE=pypi|osv; needs that service reachable)
	@status=0; unreachable=0; for lock in requirements/rasa.lock.txt requirements/actions.lock.txt; do \
	  echo "== $$lock"; \
	  grep -vE '^(#|-|\s*$$)|\+cpu' $$lock > $(AUDIT_VENV)/$$(basename $$lock); \
	  $(AUDIT_VENV)/bin/pip-audit --strict --progress-spinner off --no-deps --disable-pip --desc off \
	    --vulnerability-service $(AUDIT_SERVICE) -r $(AUDIT_VENV)/$$(basename $$lock) \
	    >$(AUDIT_VENV)/out.txt 2>&1 || status=$$?; \
	  grep -vE '^WARNING:pip_audit' $(AUDIT_VENV)/out.txt | tail -n 40; \
	  grep -qE 'could not be audited|NameResolutionError|ConnectionError|Max retries' $(AUDIT_VENV)/out.txt && unreachable=1; \
	done; \
	if [ $$unreachable -eq 1 ]; then \
	  echo "make audit: FAILED, nothing was audited: the vulnerability database ($(AUDIT_SERVICE)) is not reachable from"; \
	  echo "this machine (only package indexes are). Run it where pypi.org's JSON API or api.osv.dev answers"; \
	  echo "(AUDIT_SERVICE=osv). See docs/security.md, Dependencies."; status=2; \
	elif [ $$status -ne 0 ]; then echo "make audit: pip-audit reported findings (exit $$status); see docs/security.md"; fi; \
	exit $$status

run-prod: setup train kb-index webchat ## scale-out: PostgreSQL tracker store and shop DB, Redis lock store, SANIC_WORKERS=2 (docs/reliability.md)
	@scripts/servers.sh prod

# --- sentiment, handoff and CSAT (issue 5) ------------------------------------------------------
.PHONY: csat-report
csat-report: $(APP_VENV)/.installed ## CSAT per intent, per conversation sentiment and with/without handoff
	$(PY) -m shopassist.handoff report
