#!/usr/bin/env bash
# npm test: install what is missing, build, typecheck, then lint and test every Nx project against a
# real Docker Engine and NATS. The last line printed is always the summary: `N passed, N failed`.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

failed_steps=()
dockerd_pid=

finish() {
  trap - EXIT INT TERM
  if [ -n "$dockerd_pid" ]; then
    snapforge_say "stopping the dockerd this run started (pid $dockerd_pid)"
    node dist/tools/runner/docker-setup.js down "$dockerd_pid"
  fi
  node tools/runner/test-summary.mjs "${failed_steps[@]/#/--failed-step=}"
  exit "$?"
}
trap finish EXIT
trap 'failed_steps+=(interrupted); exit 130' INT TERM

snapforge_prepare || { failed_steps+=(setup); exit 1; }
snapforge_say 'typecheck'
npm run --silent typecheck || failed_steps+=(typecheck)
snapforge_say 'Docker Engine and base image'
dockerd_pid=$(node dist/tools/runner/docker-setup.js up) || { failed_steps+=(docker); exit 1; }

# Jest writes its reports here but does not create the directory.
rm -rf .snapforge/test-results && mkdir -p .snapforge/test-results
snapforge_say 'lint and test every project'
NX_DAEMON=false NX_NO_CLOUD=true npx --no-install nx run-many -t lint test --outputStyle=stream || failed_steps+=(nx-run-many)
node dist/tools/runner/docker-setup.js sweep || failed_steps+=(sweep)
