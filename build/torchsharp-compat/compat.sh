#!/usr/bin/env bash
# TorchSharp 0.107 on Debian 12 (and other distributions whose libstdc++ predates GCC 13).
#
# usage: compat.sh [--force] [--from LIB] NATIVE_DIR CACHE_DIR
#   NATIVE_DIR: a build output's runtimes/linux-x64/native folder (holds libLibTorchSharp.so)
#   CACHE_DIR:  where the compiled shim and patch tool are kept between builds
#   --from LIB: first copy LIB (TorchSharp's libLibTorchSharp.so in the NuGet cache) into NATIVE_DIR, when
#               missing or older; NeuroKit's own build does this into bin/.../torchsharp-compat/linux-x64/,
#               where the library loads it from in a notebook kernel (src/NeuroKit/Notebooks/KernelIntegration)
#   --force:    patch even where the system libstdc++ is new enough (packing: the NuGet package must carry
#               the patched copy for the machines that need it)
#
# libLibTorchSharp.so needs GLIBCXX_3.4.32 for one symbol, std::ios_base_library_init(). Where the
# system libstdc++ lacks that version, this script, on the copy in the build output only:
#   1. compiles a tiny shim library defining that function (ios_base_library_init.cpp);
#   2. marks the GLIBCXX_3.4.32 requirement weak (elf_weaken_version.c);
#   3. adds the shim as DT_NEEDED with patchelf and places it next to the library ($ORIGIN is in its rpath).
# It never touches system libraries or ~/.nuget/packages, does nothing where libstdc++ is new enough,
# and is idempotent. It is run by Directory.Build.targets after every build on Linux.
set -euo pipefail

force=0
from=
while [ $# -gt 0 ]; do
    case "$1" in
    --force) force=1; shift ;;
    --from) from=${2:?--from needs a library path}; shift 2 ;;
    *) break ;;
    esac
done
native_dir=${1:?usage: compat.sh [--force] [--from LIB] NATIVE_DIR CACHE_DIR}
cache_dir=${2:?usage: compat.sh [--force] [--from LIB] NATIVE_DIR CACHE_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lib="$native_dir/libLibTorchSharp.so"
shim_name=libneurokit_torchsharp_compat.so
required=GLIBCXX_3.4.32

[ "$(uname -m)" = x86_64 ] || exit 0
copy_from() {
    # Copy TorchSharp's library in (a temporary name, then rename) unless an up-to-date copy is there.
    [ -n "$from" ] || return 0
    [ -f "$from" ] || { echo "neurokit: error: $from not found (restore TorchSharp-cpu first)" >&2; exit 1; }
    if [ ! -f "$lib" ] || [ "$from" -nt "$lib" ]; then
        mkdir -p "$native_dir"
        cp -f "$from" "$lib.copy.$$"
        mv -f "$lib.copy.$$" "$lib"
        touch -r "$from" "$lib"
        rm -f "$native_dir/$shim_name"
    fi
}

find_libstdcxx() {
    local p
    p=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}') || true
    if [ -n "${p:-}" ] && [ -f "$p" ]; then echo "$p"; return; fi
    for p in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
        if [ -f "$p" ]; then echo "$p"; return; fi
    done
}

libstdcxx=$(find_libstdcxx)
if [ -z "$libstdcxx" ] && [ "$force" = 1 ]; then
    libstdcxx="(none; --force)"
elif [ -z "$libstdcxx" ]; then
    echo "neurokit: warning: no libstdc++.so.6 found; TorchSharp will not load. Install it: apt-get install libstdc++6" >&2
    exit 0
fi
if [ "$force" = 0 ] && grep -qa "$required" "$libstdcxx"; then
    exit 0 # libstdc++ is new enough: nothing to do.
fi
copy_from
[ -f "$lib" ] || exit 0

# Already patched (an earlier build) and the shim is in place: nothing to do.
if [ -f "$native_dir/$shim_name" ] && command -v patchelf >/dev/null 2>&1 \
    && patchelf --print-needed "$lib" 2>/dev/null | grep -qx "$shim_name"; then
    exit 0
fi

need=()
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v gcc >/dev/null 2>&1 || need+=(gcc)
command -v patchelf >/dev/null 2>&1 || need+=(patchelf)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "neurokit: installing ${need[*]} for the TorchSharp libstdc++ workaround (apt-get)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq "${need[@]}" >/dev/null
    else
        echo "neurokit: error: TorchSharp needs $required, which $libstdcxx lacks. NeuroKit patches its build" >&2
        echo "output to work around it, but needs: ${need[*]}. Install them, e.g.: sudo apt-get install ${need[*]}" >&2
        exit 1
    fi
fi

mkdir -p "$cache_dir"
(
    # Parallel project builds share the cache: compile it under a lock.
    flock 9
    if [ ! -f "$cache_dir/$shim_name" ] || [ "$here/ios_base_library_init.cpp" -nt "$cache_dir/$shim_name" ]; then
        g++ -shared -fPIC -O2 -o "$cache_dir/$shim_name.tmp" "$here/ios_base_library_init.cpp"
        mv -f "$cache_dir/$shim_name.tmp" "$cache_dir/$shim_name"
    fi
    if [ ! -x "$cache_dir/elf_weaken_version" ] || [ "$here/elf_weaken_version.c" -nt "$cache_dir/elf_weaken_version" ]; then
        gcc -O2 -o "$cache_dir/elf_weaken_version.tmp" "$here/elf_weaken_version.c"
        mv -f "$cache_dir/elf_weaken_version.tmp" "$cache_dir/elf_weaken_version"
    fi
) 9>"$cache_dir/.lock"

# Patch a temporary copy, then rename: a crash never leaves a half-patched library behind.
tmp="$lib.neurokit-tmp.$$"
cp -f "$lib" "$tmp"
status=0
"$cache_dir/elf_weaken_version" "$tmp" "$required" || status=$?
if [ "$status" = 3 ]; then
    rm -f "$tmp" # this TorchSharp build does not need the workaround
    exit 0
elif [ "$status" != 0 ]; then
    rm -f "$tmp"
    exit "$status"
fi
if ! patchelf --print-needed "$tmp" | grep -qx "$shim_name"; then
    patchelf --add-needed "$shim_name" "$tmp"
fi
cp -f "$cache_dir/$shim_name" "$native_dir/$shim_name.tmp.$$"
mv -f "$native_dir/$shim_name.tmp.$$" "$native_dir/$shim_name"
mv -f "$tmp" "$lib"
echo "neurokit: patched $lib for $libstdcxx (lacks $required)" >&2
