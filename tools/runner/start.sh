#!/usr/bin/env bash
# npm start: install what is missing, build, then hand over to the Node runner (dist/tools/runner/start.js),
# which starts dockerd and nats-server when needed, the base image, and the six services.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
snapforge_prepare
exec node --enable-source-maps dist/tools/runner/start.js
