#!/usr/bin/env bash
# make image (scripts/image) with the binary under test: the OCI archive unpacks to a root file
# system holding exactly gori, the shared libraries ldd lists, CA certificates and the users;
# its config runs as 65532; inside that root (chroot, as the image's user) `gori --version`
# answers and `gori webhook` serves TLS and denies a privileged workload. deploy/ and
# `gori load --emit-k8s` name the same image. chroot needs root: without it the test says so
# and passes without running.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
if [ "$(id -u)" != 0 ]; then
  echo "SKIP: the image test unpacks and chroots into the image's root file system, which needs root"
  exit 0
fi
source "$src/tests/integration/webhook_lib.sh"
version=$("$gori" --version | sed -n 's/^gori //p')
name=gori/gori:$version

GORI_BIN=$gori "$src/scripts/image" "$wh_dir/gori-image.tar" > "$wh_dir/image.log" 2>&1
expect_eq "$?" 0 "scripts/image exit code"
skopeo copy --quiet "oci-archive:$wh_dir/gori-image.tar:$name" "oci:$wh_dir/oci:$version"
expect_eq "$?" 0 "the archive holds $name"
umoci unpack --image "$wh_dir/oci:$version" "$wh_dir/bundle" > /dev/null 2>&1
expect_eq "$?" 0 "umoci unpack"
root=$wh_dir/bundle/rootfs

want=$( { echo ./usr/local/bin/gori; echo ./etc/ssl/certs/ca-certificates.crt;
          echo ./etc/passwd; echo ./etc/group;
          ldd "$gori" | awk '$2 == "=>" && $3 ~ /^\// {print "." $3} $1 ~ /^\// {print "." $1}'; } | sort)
expect_eq "$(cd "$root" && find . -type f | sort)" "$want" "exactly gori, its libraries, CA certificates, users"
expect_eq "$(stat -c %a "$root/tmp")" 1777 "/tmp is writable by anyone, sticky"
expect_eq "$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["process"]; print(c["user"]["uid"], c["user"]["gid"], c["args"])' "$wh_dir/bundle/config.json")" \
  "65532 65532 ['/usr/local/bin/gori', 'webhook', '--help']" "runs as nonroot: entrypoint and command"

# gori runs inside the image's root as the image's user. A sanitized build of gori reads its
# options from /proc/self/environ and LeakSanitizer reads /proc, which the root does not have:
# when this machine allows a private mount namespace, the wrapper gives the root a /proc of its
# own (the pid stays the same through unshare, sh and chroot, so signals reach gori).
if unshare --mount true 2> /dev/null; then
  mkdir -p "$root/proc"
  cat > "$wh_dir/in-image" <<WRAP
#!/bin/sh
exec unshare --mount sh -c 'mount -t proc proc "\$0/proc" && exec chroot --userspec=65532:65532 "\$0" /usr/local/bin/gori "\$@"' "$root" "\$@"
WRAP
else
  cat > "$wh_dir/in-image" <<WRAP
#!/bin/sh
exec chroot --userspec=65532:65532 "$root" /usr/local/bin/gori "\$@"
WRAP
fi
chmod +x "$wh_dir/in-image"
expect_eq "$("$wh_dir/in-image" --version)" "gori $version" \
  "gori --version inside the image"

# The webhook inside the image: its certificate at the same path inside the root.
wh_cert tls
mkdir -p "$root$wh_dir"
cp "$wh_dir/tls.crt" "$wh_dir/tls.key" "$root$wh_dir/"
chmod 644 "$root$wh_dir/tls.key"
gori=$wh_dir/in-image
wh_start --threads 1
out=$(wh_review create_privileged.json)
expect_contains "$out" '200 {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"6c2f0a3e-1b1d-4a53-9a0e-2f6f1f0c0001","allowed":false' \
  "the webhook in the image denies a privileged Deployment"
expect_eq "$(wh_curl /readyz)" "200 ready" "readyz inside the image"
kill -TERM "$wh_pid"
wait "$wh_pid"
expect_eq "$?" 0 "the webhook in the image stops on SIGTERM"

# One name for the image everywhere.
expect_eq "$(sed -n 's/^ *image: //p' "$src/deploy/webhook/deployment.yaml")" "$name" "deploy/ names $name"
emitted=$("$1" load --emit-k8s 2 -f "$src/examples/load/checkout.yaml" 2>/dev/null | sed -n 's/^ *image: //p')
expect_eq "$emitted" "$name" "gori load --emit-k8s names $name"
finish
