#!/usr/bin/env bash
# Builds, without any registry, the local images the container tests run:
#   localhost/gns-jre17:latest    Debian 12 minbase + openjdk-17-jre-headless, made by debootstrap
#   localhost/kafka-local:4.4.0   that base + the kafka_2.13 jars from Maven Central + an entry
#                                 script at /etc/kafka/docker/run (what Testcontainers' KafkaContainer
#                                 and apache/kafka expect)
# The service image itself is built by the tests from deploy/Dockerfile (see DeploymentFixture).
#
# Usage (root, podman, debootstrap and Maven installed; .ci/engine.sh install does that):
#   .ci/images.sh            # both images; reuses an image whose recipe hash matches
#   .ci/images.sh jre|kafka  # one of them
# Environment: GNSCI_CACHE (default /var/cache/googlenet-streams-ci) keeps the root filesystem
# tarball between runs; DEBIAN_MIRROR overrides the Debian archive, which is otherwise read from
# this machine's own apt sources (the first archive entry that is not a security one).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${GNSCI_CACHE:-/var/cache/googlenet-streams-ci}"

# The Debian archive this machine's apt uses: URIs: of a deb822 .sources file, or the URL of a
# one-line "deb" entry; the first one that serves Debian's main archive (not -security).
apt_archive() {
  local files=(/etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list)
  {
    awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' "${files[@]}" 2> /dev/null
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' \
      "${files[@]}" 2> /dev/null
  } | grep -v -- '-security' | grep -m1 '/debian/\?$'
}
MIRROR="${DEBIAN_MIRROR:-$(apt_archive || true)}"
if [[ -z "$MIRROR" ]]; then
  echo "images.sh: no Debian archive in this machine's apt sources (/etc/apt/sources.list*);" \
    "set DEBIAN_MIRROR to one" >&2
  exit 2
fi
JRE_IMAGE="localhost/gns-jre17:latest"
KAFKA_VERSION="4.4.0"
KAFKA_IMAGE="localhost/kafka-local:${KAFKA_VERSION}"
RECIPE_LABEL="googlenet-streams.recipe"
JRE_PACKAGES="openjdk-17-jre-headless,ca-certificates"

log() { printf '[images %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# Hash of everything that defines an image: its build directory plus the given extra words.
recipe_hash() {
  local dir="$1"; shift
  { (cd "$dir" && find . -type f ! -path './target/*' ! -name rootfs.tar -print0 | sort -z \
      | xargs -0 sha256sum); echo "$*"; } | sha256sum | cut -c1-16
}

image_recipe() {
  podman image inspect --format "{{ index .Labels \"${RECIPE_LABEL}\" }}" "$1" 2>/dev/null || true
}

# debootstrap a minbase bookworm with the JRE, trimmed of apt lists, docs and locales.
make_rootfs_tar() {
  local tar="$1" work
  work="$(mktemp -d /var/tmp/gns-rootfs.XXXXXX)"
  log "debootstrap bookworm minbase + ${JRE_PACKAGES} from ${MIRROR} (about 30-60 s)"
  debootstrap --variant=minbase --include="${JRE_PACKAGES}" bookworm "$work/rootfs" "$MIRROR" \
    > "$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log"; exit 1; }
  chroot "$work/rootfs" apt-get clean
  rm -rf "$work/rootfs"/var/lib/apt/lists/* "$work/rootfs"/usr/share/doc/* \
    "$work/rootfs"/usr/share/man/* "$work/rootfs"/usr/share/info/* \
    "$work/rootfs"/var/cache/debconf/*-old "$work/rootfs"/var/log/*.log
  find "$work/rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'C.*' -exec rm -rf {} +
  mkdir -p "$(dirname "$tar")"
  tar -C "$work/rootfs" --numeric-owner -cf "$tar.partial" .
  mv "$tar.partial" "$tar"
  rm -rf "$work"
  log "root filesystem cached at $tar ($(du -h "$tar" | cut -f1))"
}

build_jre() {
  local dir="$ROOT/.ci/images/jre" hash tar ctx
  hash="$(recipe_hash "$dir" "bookworm minbase ${JRE_PACKAGES} ${MIRROR}")"
  if [[ "$(image_recipe "$JRE_IMAGE")" == "$hash" ]]; then
    log "$JRE_IMAGE is up to date (recipe $hash), reused"
    return
  fi
  tar="$CACHE/jre17-rootfs-$hash.tar"
  [[ -f "$tar" ]] && log "reusing cached root filesystem $tar" || make_rootfs_tar "$tar"
  ctx="$(mktemp -d /var/tmp/gns-jre-ctx.XXXXXX)"
  cp "$dir/Containerfile" "$ctx/"
  ln "$tar" "$ctx/rootfs.tar" 2>/dev/null || cp "$tar" "$ctx/rootfs.tar"
  log "building $JRE_IMAGE"
  podman build -q --label "${RECIPE_LABEL}=$hash" -t "$JRE_IMAGE" "$ctx" > /dev/null
  rm -rf "$ctx"
  log "$JRE_IMAGE built: $(podman image inspect --format '{{.Size}}' "$JRE_IMAGE" | numfmt --to=iec) ($(podman run --rm "$JRE_IMAGE" java -version 2>&1 | head -1))"
}

build_kafka() {
  local dir="$ROOT/.ci/images/kafka" hash base_id
  base_id="$(podman image inspect --format '{{.Id}}' "$JRE_IMAGE")"
  hash="$(recipe_hash "$dir" "$base_id")"
  if [[ "$(image_recipe "$KAFKA_IMAGE")" == "$hash" ]]; then
    log "$KAFKA_IMAGE is up to date (recipe $hash), reused"
    return
  fi
  log "copying kafka_2.13 ${KAFKA_VERSION} and its runtime jars with Maven"
  rm -rf "$dir/target"
  (cd "$dir" && "$ROOT/mvnw" -B -q -f pom.xml dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=target/libs)
  log "building $KAFKA_IMAGE ($(ls "$dir/target/libs" | wc -l) jars)"
  podman build -q --label "${RECIPE_LABEL}=$hash" --build-arg "BASE_IMAGE=$JRE_IMAGE" \
    -t "$KAFKA_IMAGE" "$dir" > /dev/null
  rm -rf "$dir/target"
  log "$KAFKA_IMAGE built: $(podman image inspect --format '{{.Size}}' "$KAFKA_IMAGE" | numfmt --to=iec)"
}

main() {
  local what="${1:-all}" start=$SECONDS
  case "$what" in
    jre) build_jre ;;
    kafka) build_kafka ;;
    all) build_jre; build_kafka ;;
    *) echo "usage: $0 [all|jre|kafka]" >&2; exit 2 ;;
  esac
  log "done in $((SECONDS - start)) s"
}

main "$@"
