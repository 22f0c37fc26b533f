#!/usr/bin/env bash
# Builds the consumer projects as a user's projects are built: no parent, no ltx4j in their local repository, only
# the staged artifacts (a file repository, from `mvn deploy` with -DaltDeploymentRepository) and Maven Central.
# Usage: consumers/run.sh STAGING_REPO_DIR [PROJECT…] (a folder here, or a path; by default these three and
# examples/, ltx4j beside a library built for OkHttp 4).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
staging="$(cd "$1" && pwd)"; shift
projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then projects=(client-only sandbox-junit spring-boot "$here/../examples"); fi

# A local repository of its own: every third-party artifact already on the machine (as links, to stay offline-fast),
# and nothing of ltx4j, so every ltx4j artifact comes from the staging repository.
local_repo="$here/target/m2"
rm -rf "$local_repo"; mkdir -p "$local_repo"
shared="${MAVEN_SHARED_REPO:-$HOME/.m2/repository}"
if [ -d "$shared" ]; then
  cp -rs "$(cd "$shared" && pwd)/." "$local_repo/"
  rm -rf "$local_repo/dev/ltx4j"
fi

# The sandbox's rendered videos stay under target/, as the reactor's tests keep them (not in the shared temp folder).
export LTX4J_SANDBOX_VIDEO_CACHE="$here/target/video-cache"

# The staging repository is added the way a company mirror would be, in settings: the projects' POMs are what a
# user writes.
settings="$here/target/settings.xml"
cat > "$settings" <<XML
<settings>
  <localRepository>$local_repo</localRepository>
  <profiles>
    <profile>
      <id>ltx4j-staging</id>
      <repositories>
        <repository>
          <id>ltx4j-staging</id>
          <url>file://$staging</url>
          <snapshots><enabled>true</enabled></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>ltx4j-staging</activeProfile></activeProfiles>
</settings>
XML

for p in "${projects[@]}"; do
  dir="$here/$p"; [ -d "$dir" ] || dir="$p"
  echo "== consumer: $p"
  mvn -B -q -s "$settings" -f "$dir/pom.xml" verify
done
