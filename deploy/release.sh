#!/usr/bin/env bash
# Builds the console for release into one folder: the BFF with its production dependencies only
# (`pnpm deploy --prod`) and the built web app it serves. The container image (Containerfile) runs
# exactly these commands, and so does the release test (release.test.ts).
# Usage: deploy/release.sh <output folder>   (after `pnpm install` at the root)
set -euo pipefail
out="${1:?usage: deploy/release.sh <output folder>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
cd "$root"

pnpm --filter @dify-console/web build
rm -rf "$out"
pnpm --filter @dify-console/bff deploy --prod "$out"
cp -R apps/web/dist "$out/web"
# What only development needs: tests, benchmarks, scripts, configs of the dev tools.
find "$out/src" -name '*.test.ts' -delete
rm -rf "$out/bench" "$out/scripts" "$out/vitest.config.ts" "$out/src/testing"
