#!/usr/bin/env bash
# npm run bench [-- [SCENARIO] [--runs N]]: install what is missing, build, make sure a Docker Engine
# runs, then hand over to the Node harness (dist/tools/bench/src/main.js). Figures go to bench/results/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../runner/lib.sh"

dockerd_pid=

finish() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$dockerd_pid" ]; then
    snapforge_say "stopping the dockerd this run started (pid $dockerd_pid)"
    node dist/tools/runner/docker-setup.js down "$dockerd_pid"
  fi
  exit "$status"
}
trap finish EXIT
# The harness gets the same signal and removes what it made; this only waits for it.
trap 'exit 130' INT
trap 'exit 143' TERM

snapforge_prepare || exit 1
dockerd_pid=$(node dist/tools/runner/docker-setup.js up) || exit 1
node --enable-source-maps dist/tools/bench/src/main.js "$@"
