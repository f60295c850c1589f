#!/bin/sh
# Lint: no dependency cycle among the core object files (a module that
# needs another must not be needed by it, directly or through others).
# The links are read with nm from $BUILD/core/*.o; see cycles.py.
cd "$(dirname "$0")/../.." || exit 1
exec python3 tests/lint/cycles.py "${BUILD:-build}" "$(basename "$0")"
