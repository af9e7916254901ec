#!/usr/bin/env bash
# Makes a migration from the schema as of the last committed migration to the current schema.
# (Prisma 6.19's `migrate dev` crashes with a driver adapter after the first migration.)
set -euo pipefail
name=${1:?usage: npm run db:new-migration -- <name>}
cd "$(dirname "$0")/.."
last=$(git log -1 --format=%H -- prisma/migrations)
old=$(mktemp --suffix=.prisma)
git show "$last:prisma/schema.prisma" > "$old"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
npx prisma migrate diff --from-schema-datamodel "$old" --to-schema-datamodel prisma/schema.prisma --script -o "$dir/migration.sql"
rm -f "$old"
echo "wrote $dir/migration.sql — review it, then: npm run db:migrate"
