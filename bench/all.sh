#!/usr/bin/env bash
# Runs every benchmark of BENCHMARKS.md one after another, each with the machine's load average before and after it,
# and keeps each one's output in bench/target/all/NAME.txt (its last lines are printed as it ends). Arguments: the
# names to run (default: all), e.g. `bench/all.sh download overhead`. About an hour for all of them on 2 cores; the
# virtual-time ones (polling, await-scale, fleet-await) give the same figures under any load.
set -uo pipefail
cd "$(dirname "$0")/.."
out=bench/target/all
mkdir -p "$out"
client_main="mvn -q -B -pl client test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass"
bench_main="mvn -q -B -pl bench -am test-compile -Dbench.main"
declare -A commands=(
  [polling]="$client_main=dev.ltx4j.bench.PollingBenchmark"
  [await-scale]="$client_main=dev.ltx4j.AwaitScaleBenchmark -Dexec.args='10000 90'"
  [sandbox-scale]="$bench_main=dev.ltx4j.bench.SandboxScaleBenchmark -Dbench.args='10000 60000'"
  [batch]="$bench_main=dev.ltx4j.bench.BatchThroughputBenchmark -Dbench.args=300"
  [fleet-await]="$bench_main=dev.ltx4j.bench.FleetAwaitBenchmark -Dbench.args='100 1000'"
  [download]="$client_main=dev.ltx4j.bench.DownloadBenchmark"
  [overhead]="$bench_main=dev.ltx4j.bench.OverheadBenchmark"
  [chaos]="$bench_main=dev.ltx4j.bench.ChaosBenchmark"
  [chaos-real-world]="$bench_main=dev.ltx4j.bench.ChaosBenchmark -Dbench.args='1000 64 real-world'"
  [multi-worker]="$bench_main=dev.ltx4j.bench.MultiWorkerChaosBenchmark"
  [footprint]="bench/footprint.sh"
)
order=(polling fleet-await overhead download footprint batch chaos chaos-real-world multi-worker sandbox-scale
  await-scale)
names=("$@")
[ ${#names[@]} -eq 0 ] && names=("${order[@]}")
for name in "${names[@]}"; do
  command=${commands[$name]:-}
  if [ -z "$command" ]; then
    echo "unknown benchmark: $name (known: ${order[*]})" >&2
    exit 2
  fi
  start=$(date +%s)
  {
    echo "# $name: $command"
    echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(date -u +%FT%TZ))"
    bash -c "$command" 2>&1
    echo "# exit status $?"
    echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)  ($(( $(date +%s) - start )) s)"
  } > "$out/$name.txt"
  tail -n 6 "$out/$name.txt"
done
