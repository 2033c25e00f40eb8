#!/usr/bin/env bash
# CI: the README's C# block (section "The library") is run as written, as a .NET 10 file-based app against the
# library in this clone, so the README cannot drift from the API. Fails when it does not compile or throws.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
# Inside the clone (artifacts/ is ignored), so the build picks up Directory.Build.targets and its TorchSharp fix.
work=$root/artifacts/readme-csharp
rm -rf "$work"
mkdir -p "$work"
awk '
    /^## The library/ { section = 1; next }
    section && /^## / { exit }
    section && /^```csharp$/ { inside = 1; next }
    inside && /^```/ { exit }
    inside { print }
' README.md >"$work/block.cs"
[ -s "$work/block.cs" ] || { echo "ci: README.md has no csharp block under '## The library'" >&2; exit 1; }
{
    echo "#:project ../../src/NeuroKit/NeuroKit.csproj"
    cat "$work/block.cs"
    echo 'System.Console.WriteLine("README C# block ran");'
} >"$work/readme.cs"
echo "== README C# block ($(wc -l <"$work/block.cs") lines) as a file-based app"
(cd "$work" && dotnet run readme.cs </dev/null)
