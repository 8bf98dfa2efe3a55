#!/usr/bin/env bash
# Makes PixelMed (DICOM, BSD-3) available to Maven. PixelMed is not on Maven Central and
# dcm4che is not reachable here (STACK.md), so the build uses Debian's libpixelmed-java,
# installed into the local Maven repository as com.pixelmed:pixelmed:20220618.
# The jar's manifest names absolute Class-Path entries (Debian's other jars); they are removed
# so that nothing outside the pom reaches radgate's classpath. Idempotent.
set -euo pipefail
VERSION=20220618
JAR=/usr/share/java/pixelmed-$VERSION.jar
REPO="${MAVEN_REPO:-$HOME/.m2/repository}"
TARGET="$REPO/com/pixelmed/pixelmed/$VERSION/pixelmed-$VERSION.jar"

if [ -f "$TARGET" ]; then
  exit 0
fi
if [ ! -f "$JAR" ]; then
  echo "install-pixelmed: $JAR is missing (Debian package libpixelmed-java): run scripts/setup.sh build" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$JAR" "$work/pixelmed.jar"
(cd "$work" && unzip -q -o pixelmed.jar META-INF/MANIFEST.MF \
  && grep -v -i '^Class-Path:\|^ ' META-INF/MANIFEST.MF > MANIFEST.clean \
  && zip -q -d pixelmed.jar META-INF/MANIFEST.MF \
  && mkdir -p m/META-INF && cp MANIFEST.clean m/META-INF/MANIFEST.MF \
  && (cd m && zip -q ../pixelmed.jar META-INF/MANIFEST.MF))
mvn -B -q install:install-file -Dfile="$work/pixelmed.jar" -DgroupId=com.pixelmed -DartifactId=pixelmed \
  -Dversion=$VERSION -Dpackaging=jar -DgeneratePom=true
echo "install-pixelmed: installed com.pixelmed:pixelmed:$VERSION from $JAR" >&2
