#!/bin/sh
# esbuild's compile service, started in a session (and so a process group) of its own: Jupyter clients interrupt a
# kernel by signalling its whole process group, and the service must not die of that. Without setsid (macOS) it
# runs as it is, and the kernel restarts it if it dies.
if command -v setsid >/dev/null 2>&1; then exec setsid "$TSDL_ESBUILD_BINARY" "$@"; fi
exec "$TSDL_ESBUILD_BINARY" "$@"
