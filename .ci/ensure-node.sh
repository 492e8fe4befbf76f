#!/usr/bin/env bash
# Sourced by the .ci scripts that install npm packages for the tests: makes node and npm available (apt-get as
# root), or says why not. Usage: ensure_node <script name> <what is skipped without it> || exit 0
ensure_node() {
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then return 0; fi
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "$1: installing Node.js and npm with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    return 0
  fi
  echo "$1: node/npm not found and cannot install them; $2 will be skipped" >&2
  return 1
}
