#!/usr/bin/env bash
# Footprint: the runtime dependency closure of ltx4j-client in bytes, and the CLI's cold start to its first request.
# Builds the jars and the CLI distribution (package, no tests, nothing installed), unpacks the distribution's tar.gz
# in bench/target/ (away from where it was built), then runs dev.ltx4j.bench.Footprint and ColdStart.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl cli,bench -am package -DskipTests
mvn -q -B -pl client org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile="$PWD/bench/target/client-runtime-classpath.txt"
client_jar=$(ls client/target/ltx4j-client-*.jar | grep -v -e sources -e javadoc -e tests | head -1)
cli_jar=$(ls cli/target/ltx4j-cli-*.jar | grep -v -e sources -e javadoc | head -1)
staged=$(ls -d cli/target/ltx4j-*/ | grep -v ltx4j-cli | head -1)
rm -rf bench/target/unpacked && mkdir -p bench/target/unpacked
tar xzf "$(ls cli/target/ltx4j-*.tar.gz | head -1)" -C bench/target/unpacked
unpacked=$(ls -d bench/target/unpacked/ltx4j-*/ | head -1)
mvn -q -B -pl bench -am test-compile -Dbench.main=dev.ltx4j.bench.Footprint \
  -Dbench.args="$PWD/bench/target/client-runtime-classpath.txt $PWD/$client_jar"
mvn -q -B -pl bench -am test-compile -Dbench.main=dev.ltx4j.bench.ColdStart \
  -Dbench.args="$PWD/${staged}bin/ltx4j $PWD/${unpacked}bin/ltx4j $PWD/$cli_jar ${1:-7}"
