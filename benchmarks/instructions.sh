#!/bin/sh
# Instructions a page costs this process (Python, Django, psycopg; not PostgreSQL), counted
# by valgrind's callgrind: repeatable on a busy machine where timings are not. Runs
# benchmarks.profile_page twice (10 and 40 requests after the same warm-up) and prints the
# difference per request. Slow (minutes a run). Needs valgrind and a seeded DATABASE_URL.
#
#   DATABASE_URL=postgres://... sh benchmarks/instructions.sh article   # or trivial, home, ...
set -eu
page=${1:-article}
python=${PYTHON:-.venv/bin/python}
out=$(mktemp -d)
for n in 10 40; do
    valgrind --tool=callgrind --callgrind-out-file="$out/$n" \
        "$python" -m benchmarks.profile_page "$page" --requests "$n" --requests-only \
        >/dev/null 2>"$out/log"
done
few=$(awk '/^summary:/ {print $2}' "$out/10")
many=$(awk '/^summary:/ {print $2}' "$out/40")
echo "$page: $(( (many - few) / 30 )) instructions a request"
rm -r "$out"
