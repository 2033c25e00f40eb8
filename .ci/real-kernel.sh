#!/usr/bin/env bash
# CI stage: every notebook in notebooks/ in the real .NET Interactive tool kernel (Microsoft.dotnet-interactive,
# pinned in .config/dotnet-tools.json; what VS Code's Polyglot Notebooks runs), driven over the Jupyter protocol
# by Debian's nbclient, with the smoke parameters `neurokit run --smoke` injects. A notebook fails when a cell
# errors or when its verdicts differ in kind from `neurokit run --smoke`'s. Then the package route once: pack
# NeuroKit to a temporary folder feed and run a notebook outside the clone that references it from there.
#
# usage: .ci/real-kernel.sh [NOTEBOOK...]   (default: notebooks/*.ipynb; executed copies in artifacts/real-kernel/)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1
python=/usr/bin/python3 # Debian's: the Jupyter client packages below are installed for it

# nbclient and jupyter-client from Debian, installed only when missing.
missing=()
for package in python3-nbclient python3-jupyter-client python3-nbformat; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "real-kernel: needs ${missing[*]}: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
    echo "== installing ${missing[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet tool restore >/dev/null
version=$(sed -n '/microsoft.dotnet-interactive/,/}/s/.*"version": *"\([^"]*\)".*/\1/p' .config/dotnet-tools.json)
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
tool_dll=$(ls "$packages"microsoft.dotnet-interactive/"$version"/tools/*/any/Microsoft.DotNet.Interactive.App.dll 2>/dev/null | head -1)
[ -f "$tool_dll" ] || { echo "real-kernel: dotnet-interactive $version not found after dotnet tool restore" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Our own kernelspec: the tool's `jupyter install` one lets the kernel's HTTP API listen on every network
# interface; --http-local-only keeps it on loopback.
kernel=neurokit-ci-csharp
mkdir -p "$work/jupyter/kernels/$kernel"
cat >"$work/jupyter/kernels/$kernel/kernel.json" <<EOF
{
  "argv": ["dotnet", "$tool_dll", "jupyter", "--default-kernel", "csharp", "--http-local-only",
           "--http-port-range", "2048-3000", "{connection_file}"],
  "display_name": ".NET (C#) $version, loopback only",
  "language": "C#",
  "env": {"DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
}
EOF
export JUPYTER_PATH="$work/jupyter"

if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=(notebooks/*.ipynb); fi
abs=()
for nb in "${notebooks[@]}"; do abs+=("$root/$nb"); done

echo "== real kernel: dotnet-interactive $version, ${#notebooks[@]} notebooks (smoke settings)"
# The reference: `neurokit run --smoke` executes each notebook (its injected-parameters cell and its verdicts
# are what the tool run is held to). REAL_KERNEL_REFERENCE names a folder of such executed copies (.ci/run
# passes the smoke stage's); otherwise run them here, from the work folder so artifacts/notebooks/ lands there.
reference=${REAL_KERNEL_REFERENCE:-}
dotnet build src/NeuroKit.Cli -v q -nologo >/dev/null # NeuroKit.dll, which the notebooks reference by path
if [ -z "$reference" ]; then
    (cd "$work" && dotnet run --project "$root/src/NeuroKit.Cli" --no-build -- run "${abs[@]}" --smoke >"$work/reference.log" 2>&1) || {
        cat "$work/reference.log" >&2
        echo "real-kernel: neurokit run --smoke failed; fix that first" >&2
        exit 1
    }
    reference="$work/artifacts/notebooks"
fi
mkdir -p artifacts/real-kernel
status=0
"$python" .ci/real_kernel.py --kernel "$kernel" --reference-dir "$reference" \
    --out-dir artifacts/real-kernel "${notebooks[@]}" 2>"$work/kernel.log" || status=$?
[ "$status" = 0 ] || tail -20 "$work/kernel.log" >&2

echo "== real kernel: neurokit run --kernel dotnet-interactive (the user's route to the same check)"
dotnet run --project src/NeuroKit.Cli --no-build -- run --kernel dotnet-interactive "${notebooks[0]}" --smoke \
    -o "$work/kernel-option.ipynb" >"$work/kernel-option.log" 2>&1 || {
    status=1
    tail -20 "$work/kernel-option.log" >&2
}
tail -2 "$work/kernel-option.log"

echo "== real kernel: the NuGet package from a folder feed, outside the clone"
feed="$work/feed"
package_version="0.0.0-ci.$(date +%s)" # unique, so the kernel never reuses an older copy from the NuGet cache
dotnet pack src/NeuroKit -o "$feed" -p:Version="$package_version" -v q -nologo >/dev/null
mkdir -p "$work/outside"
"$python" - "$work/outside/package-route.ipynb" "$feed" "$package_version" <<'EOF'
import sys
import nbformat

path, feed, version = sys.argv[1:]
cells = [
    f'#i "nuget: {feed}"\n#r "nuget: NeuroKit, {version}"\n#r "nuget: Plotly.NET.Interactive, 6.0.0"',
    # TorchSharp first, before any other NeuroKit call: the package's kernel extension has already run.
    "using TorchSharp;\nTorchSharp.torch.ones(3).sum().item<float>()",
    "using NeuroKit.Analysis.Similarity;\nusing NeuroKit.Data;\nusing NeuroKit.Models;\nusing NeuroKit.Training;\n"
    "using NeuroKit.Capture;\nusing NeuroKit.Plotting;\nusing NeuroKit.Analysis.Regions;\n"
    "var (train, test) = Digits.Load().ToDataset(scaleToUnit: true).Split(testFraction: 0.2, seed: 0);\n"
    "var run = Trainer.Train(new Mlp([64, 16, 10], seed: 0), train,\n"
    "    new TrainingOptions { Epochs = 2, BatchSize = 128, Evaluation = test, Seed = 0, UseCache = false });\n"
    "display(run);",
    "var (logits, cache) = run.Model.RunWithCache(test.Features);\ndisplay(cache);",
    'new LinearCka().Compare(cache["layers.0.post"], cache["layers.0.pre"])',
    "RegionCounter.Count(ReluNetwork.Random(seed: 1, 2, 8, 1), new Box2D(-1, 1, -1, 1), RegionDefinition.LinearRegions)",
    'Plot.History(run, columns: ["train_loss"], title: "loss")',
    "run.History",
]
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
nb.metadata = {
    "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
    "language_info": {"name": "polyglot-notebook"},
}
nbformat.write(nb, path)
EOF
# Each marker must appear in some text/html output: NeuroKit's formatting of TrainingResult, ActivationCache,
# SimilarityResult and RegionCountResult, a Plotly chart, and a DataFrame through Microsoft.Data.Analysis.
"$python" .ci/real_kernel.py --kernel "$kernel" --out-dir artifacts/real-kernel --standalone \
    --expect-html "<pre>TrainingResult:" "<pre>ActivationCache with" "<pre>linear-cka =" "linear-regions of ReluNetwork" "renderPlotly" "<table" \
    -- "$work/outside/package-route.ipynb" 2>>"$work/kernel.log" || {
    status=1
    tail -20 "$work/kernel.log" >&2
}
rm -rf "$packages"neurokit/"$package_version" # the package was only for this check
exit "$status"
