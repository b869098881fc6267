#!/usr/bin/env bash
# For experiments only: a copy of the application jar with one library replaced, to measure what a dependency
# upgrade would change before proposing it for the build. Example (the FEEL engine fix, see README "Performance"):
#
#   src/bench/swap-dependency.sh target/bench/ticketsmith-0.1.0-SNAPSHOT.jar feel-engine-1.19.3-scala-shaded.jar \
#       ~/.m2/repository/org/camunda/feel/feel-engine/1.19.5/feel-engine-1.19.5-scala-shaded.jar target/bench/feel-1.19.5.jar
#   BENCH_SKIP_BUILD=1 src/bench/run.sh --jar=target/bench/feel-1.19.5.jar --label=experiment-feel-1.19.5 ...
set -euo pipefail
source_jar=$(realpath "$1") old_name=$2 new_jar=$(realpath "$3") out=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && unzip -q "$source_jar")
test -f "$work/BOOT-INF/lib/$old_name" || { echo "$old_name is not in $source_jar" >&2; exit 1; }
rm "$work/BOOT-INF/lib/$old_name"
cp "$new_jar" "$work/BOOT-INF/lib/"
new_name=$(basename "$new_jar")
sed -i "s|BOOT-INF/lib/$old_name|BOOT-INF/lib/$new_name|" "$work/BOOT-INF/classpath.idx" "$work/BOOT-INF/layers.idx"
# Spring Boot reads nested jars in place, so they must be stored uncompressed.
jar --create --file "$out" --manifest "$work/META-INF/MANIFEST.MF" --no-compress -C "$work" .
echo "$out: $old_name replaced by $new_name"
