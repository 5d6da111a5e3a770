#!/usr/bin/env bash
# Makes the databases of a release that server/src/platform/db/upgrade.test.ts upgrades:
#   bash scripts/make-upgrade-fixture.sh [release]   (default v0.1.0; needs git, and PostgreSQL on
#   $DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)
# The release's own server code, taken from git, builds each database with this project's
# node_modules, so the fixture is what that release wrote. The test itself needs no git.
set -euo pipefail
cd "$(dirname "$0")/.."
release=${1:-v0.1.0}
out=$PWD/server/src/test/fixtures/$release
rm -f "$out".*
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git archive "$release" server package.json tsconfig.json | tar -x -C "$tmp"
ln -s "$PWD/node_modules" "$tmp/node_modules"
# The filling script is this version's: it uses only the harness and routes the release already had.
cp server/src/test/upgrade-fixture-fill.ts "$tmp/server/src/test/upgrade-fixture-fill.ts"
cd "$tmp"
DATABASE_URL= node --import tsx server/src/test/upgrade-fixture-fill.ts "$out"
DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} node --import tsx server/src/test/upgrade-fixture-fill.ts "$out"
ls -la "$out".*
