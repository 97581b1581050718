#!/bin/sh
# CPU benchmark of issues 6 and 13 (not part of npm test). Needs python3-torch and libopenblas0-pthread from apt
# for the PyTorch column, and the native addon (node src/backend/native/build.js) for tsdl's fast path.
set -e
cd "$(dirname "$0")/../.."
node src/backend/native/build.js
exec node -r esbuild-register bench/cpu/run.ts "$@"
