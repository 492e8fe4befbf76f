#!/usr/bin/env bash
# Builds the Lambda deployment package from a clean checkout: the Native AOT `bootstrap` for provided.al2023
# x86_64 (linux-x64), alone at the root of a zip.
#
#   scripts/package-lambda.sh [output.zip]      default: artifacts/key-rotation-lambda.zip
#
# Needs the .NET SDK, a C toolchain for the AOT linker (clang, or gcc) and zlib; when run as root on Debian
# and one of them is missing, installs it with apt-get. Uses `zip` when present, python3's zipfile otherwise.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/artifacts/key-rotation-lambda.zip}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
publish="$root/artifacts/lambda-publish"
# Amazon Linux 2023 ships glibc 2.34: a binary needing newer symbols would not start there.
max_glibc="2.34"

have_linker() {
  command -v clang >/dev/null 2>&1 || compgen -G '/usr/bin/clang-[0-9]*' >/dev/null || command -v gcc >/dev/null 2>&1
}
have_zlib() {
  compgen -G '/usr/lib/*/libz.a' >/dev/null || compgen -G '/usr/lib/*/libz.so' >/dev/null || [[ -e /usr/lib/libz.so ]]
}
install_packages() {
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "package-lambda: installing $* for the AOT linker" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "package-lambda: Native AOT needs $* (install them, e.g. apt-get install $*)" >&2
    exit 1
  fi
}
have_linker || install_packages clang
have_zlib || install_packages zlib1g-dev

rm -rf "$publish"
dotnet publish "$root/src/KeyRotation.Lambda/KeyRotation.Lambda.csproj" \
  -c Release -r linux-x64 -p:PublishAot=true -o "$publish" --nologo

binary="$publish/bootstrap"
if [[ ! -x "$binary" ]] || [[ "$(head -c 4 "$binary" | od -An -c | tr -d ' ')" != '177ELF' ]]; then
  echo "package-lambda: $binary is not an executable ELF file" >&2
  exit 1
fi

if command -v objdump >/dev/null 2>&1; then
  needed="$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)"
  if [[ -n "$needed" ]] && [[ "$(printf '%s\n%s\n' "$needed" "$max_glibc" | sort -V | tail -1)" != "$max_glibc" ]]; then
    echo "package-lambda: bootstrap needs glibc $needed; provided.al2023 has $max_glibc" >&2
    exit 1
  fi
fi

# A fixed timestamp makes the zip depend on the binary alone.
touch -t 198001010000 "$binary"
mkdir -p "$(dirname "$out")"
rm -f "$out"
if command -v zip >/dev/null 2>&1; then
  (cd "$publish" && zip -q -X "$out" bootstrap)
else
  python3 - "$binary" "$out" <<'PY'
import sys, zipfile
binary, out = sys.argv[1], sys.argv[2]
info = zipfile.ZipInfo("bootstrap", date_time=(1980, 1, 1, 0, 0, 0))
info.external_attr = (0o100755 << 16)
info.compress_type = zipfile.ZIP_DEFLATED
with open(binary, "rb") as f, zipfile.ZipFile(out, "w") as z:
    z.writestr(info, f.read())
PY
fi

# The package must hold exactly one executable entry named bootstrap.
python3 - "$out" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    entries = z.infolist()
    names = [e.filename for e in entries]
    assert names == ["bootstrap"], f"zip entries are {names}, expected only bootstrap"
    mode = entries[0].external_attr >> 16
    assert mode & 0o111, f"bootstrap in the zip is not executable (mode {oct(mode)})"
PY

size="$(stat -c %s "$out")"
sha="$(sha256sum "$out" | cut -d' ' -f1)"
echo "package-lambda: $out ($size bytes, sha256 $sha, bootstrap $(stat -c %s "$binary") bytes, glibc >= ${needed:-unknown})"
