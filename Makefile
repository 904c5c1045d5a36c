# tiktok-ai — the two commands: `make demo` and `make test`.
# Both install what a fresh Debian 12 machine lacks (as root, or through sudo), then build.

# Noto (core: Latin, Cyrillic, Greek, Arabic, Hebrew, the Indic scripts, Thai, Khmer, Lao, …; cjk:
# Chinese, Japanese, Korean) draws captions in every script espeak-ng speaks.
APT_PACKAGES := ffmpeg libsqlite3-dev libcurl4-openssl-dev libinotifytools0-dev inotify-tools \
                espeak-ng libespeak-ng-dev fonts-league-spartan fonts-noto-core fonts-noto-cjk \
                jq rsync openssh-client openssh-server python3 \
                chromium python3-prometheus-client wrk curl
SWIFT ?= swift
BIN := .build/debug/tiktok-ai
DEMO_SPOOL ?= $(CURDIR)/spool
# Three of the examples in other languages and scripts (examples/languages has ten).
DEMO_LANGUAGES := examples/languages/de.json examples/languages/ar.json examples/languages/zh.json

.PHONY: demo test deps build clean-demo

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

# Renders every example through the spool (offline, no keys) and prints where each video is.
demo: build
	@mkdir -p $(DEMO_SPOOL)/inbox
	@for f in examples/*.json examples/*.jsonl $(DEMO_LANGUAGES); do cp "$$f" "$(DEMO_SPOOL)/inbox/.$$(basename $$f).tmp" && mv "$(DEMO_SPOOL)/inbox/.$$(basename $$f).tmp" "$(DEMO_SPOOL)/inbox/$$(basename $$f)"; done
	ASSET_ROOT=$(CURDIR)/examples $(BIN) run --once --spool $(DEMO_SPOOL)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel

clean-demo:
	rm -rf $(DEMO_SPOOL)/*/* $(DEMO_SPOOL)/index.sqlite* $(DEMO_SPOOL)/.lock
