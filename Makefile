# tiktok-ai — the two commands: `make demo` and `make test`.
# Both install what a fresh Debian 12 machine lacks (as root, or through sudo), then build.

# Noto (core: Latin, Cyrillic, Greek, Arabic, Hebrew, the Indic scripts, Thai, Khmer, Lao, …; cjk:
# Chinese, Japanese, Korean) draws captions in every script espeak-ng speaks.
APT_PACKAGES := ffmpeg libsqlite3-dev libcurl4-openssl-dev libinotifytools0-dev inotify-tools \
                espeak-ng libespeak-ng-dev fonts-league-spartan fonts-noto-core fonts-noto-cjk \
                jq rsync openssh-client openssh-server python3 \
                chromium python3-prometheus-client wrk curl systemd postgresql
SWIFT ?= swift
BIN := .build/debug/tiktok-ai
DEMO_SPOOL ?= $(CURDIR)/spool
# Three of the examples in other languages and scripts (examples/languages has ten).
DEMO_LANGUAGES := examples/languages/de.json examples/languages/ar.json examples/languages/zh.json

# `make install`: under $(DESTDIR)$(PREFIX). The unit goes under the prefix too (systemd reads
# /usr/local/lib/systemd/system; /etc/systemd/system stays the administrator's), with ExecStart naming
# $(PREFIX)/bin. BIN=PATH installs that binary instead of building a release one (the tests install
# the debug build).
PREFIX ?= /usr/local
DESTDIR ?=
ifeq ($(origin BIN),command line)
INSTALL_BIN := $(BIN)
INSTALL_BUILD :=
else
INSTALL_BIN := .build/release/tiktok-ai
INSTALL_BUILD := release
endif
# swift-argument-parser's man page writer (the tool behind its GenerateManual plugin); `make test` builds it.
GENERATE_MANUAL := .build/debug/generate-manual
UNIT_DIR := $(PREFIX)/lib/systemd/system
SYSUSERS_DIR := $(PREFIX)/lib/sysusers.d
MAN_DIR := $(PREFIX)/share/man/man1
BASH_COMPLETION_DIR := $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETION_DIR := $(PREFIX)/share/zsh/site-functions
FISH_COMPLETION_DIR := $(PREFIX)/share/fish/vendor_completions.d

.PHONY: demo test deps build clean-demo install release

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@# moto (PyPI) is the tests' S3, with boto3 and botocore for its set-up and the signature tests. Debian 12's
	@# pip refuses to install beside the system's packages unless told (PEP 668).
	@if ! command -v moto_server >/dev/null 2>&1 || ! python3 -c 'import moto.server, boto3' 2>/dev/null; then \
	  echo "installing: moto[server] (pip)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  python3 -m pip --version >/dev/null 2>&1 || { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends python3-pip >/dev/null; }; \
	  PIP="python3 -m pip install --quiet --disable-pip-version-check"; \
	  if [ "$$(id -u)" = 0 ]; then $$PIP 'moto[server]' 2>/dev/null || $$PIP --break-system-packages 'moto[server]'; \
	  else $$PIP --user 'moto[server]' 2>/dev/null || $$PIP --user --break-system-packages 'moto[server]'; fi; \
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
	$(SWIFT) build --product generate-manual
	$(SWIFT) test --skip-build --no-parallel

clean-demo:
	rm -rf $(DEMO_SPOOL)/*/* $(DEMO_SPOOL)/index.sqlite* $(DEMO_SPOOL)/.lock

# The binary, the unit and its user (sysusers.d), the man page (swift-argument-parser's generate-manual,
# the tool behind its GenerateManual plugin, run on the installed binary) and the bash, zsh and fish
# completions the binary writes itself.
install: $(INSTALL_BUILD) $(GENERATE_MANUAL)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(UNIT_DIR) $(DESTDIR)$(SYSUSERS_DIR) $(DESTDIR)$(MAN_DIR) \
	  $(DESTDIR)$(BASH_COMPLETION_DIR) $(DESTDIR)$(ZSH_COMPLETION_DIR) $(DESTDIR)$(FISH_COMPLETION_DIR)
	install -m 0755 $(INSTALL_BIN) $(DESTDIR)$(PREFIX)/bin/tiktok-ai
	sed 's#/usr/local/bin/tiktok-ai#$(PREFIX)/bin/tiktok-ai#' dist/tiktok-ai.service > $(DESTDIR)$(UNIT_DIR)/tiktok-ai.service
	chmod 0644 $(DESTDIR)$(UNIT_DIR)/tiktok-ai.service
	install -m 0644 dist/tiktok-ai.sysusers $(DESTDIR)$(SYSUSERS_DIR)/tiktok-ai.conf
	$(GENERATE_MANUAL) $(INSTALL_BIN) --output-directory $(DESTDIR)$(MAN_DIR)
	$(INSTALL_BIN) --generate-completion-script bash > $(DESTDIR)$(BASH_COMPLETION_DIR)/tiktok-ai
	$(INSTALL_BIN) --generate-completion-script zsh > $(DESTDIR)$(ZSH_COMPLETION_DIR)/_tiktok-ai
	$(INSTALL_BIN) --generate-completion-script fish > $(DESTDIR)$(FISH_COMPLETION_DIR)/tiktok-ai.fish

release: deps
	$(SWIFT) build -c release --product tiktok-ai

$(GENERATE_MANUAL):
	$(SWIFT) build --product generate-manual
