using System.Collections;
using System.Reflection;
using NeuroKit.Analysis.Regions;
using NeuroKit.Analysis.Similarity;
using NeuroKit.Capture;
using NeuroKit.Diagnostics;
using NeuroKit.Notebooks.KernelIntegration;
using NeuroKit.Training;

namespace NeuroKit.Tests.Notebooks.KernelIntegration;

/// <summary>
/// What NeuroKit arranges for notebook kernels: the patched TorchSharp library's lookup, FSharp.Core unification,
/// and results formatted through the kernel's convention (as the kernel's Formatter reads it: by attribute name,
/// public members, reflection). CI's real-kernel stage checks the same in dotnet-interactive itself.
/// </summary>
public class KernelSupportTests
{
    [Fact]
    public void The_module_initializer_ran_and_TorchSharp_loads_from_its_result()
    {
        _ = TorchSharp.torch.ones(2).sum().item<float>();
        var status = KernelSupport.TorchSharpNativeStatus;
        Assert.NotNull(status);
        Assert.True(
            status.StartsWith("loaded ", StringComparison.Ordinal)
                || status.StartsWith("not needed", StringComparison.Ordinal),
            status
        );
        Assert.Equal(
            TorchSharpCompat.IsNeeded(),
            status.StartsWith("loaded ", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void A_package_in_the_NuGet_cache_finds_its_patched_copy_and_libtorch_by_layout()
    {
        var root = Path.Combine(Path.GetTempPath(), "nk-packages");
        var lib = Path.Combine(root, "neurokit", "0.1.0", "lib", "net10.0");
        var patched = TorchSharpNativePreload.PatchedLibraryCandidates(lib, null).ToList();
        Assert.Contains(
            Path.Combine(
                root,
                "neurokit",
                "0.1.0",
                "torchsharp-compat",
                "linux-x64",
                "libLibTorchSharp.so"
            ),
            patched
        );
        // A patched copy in a build output (in place, beside libtorch) is preferred over the package's.
        Assert.Equal(
            Path.Combine(lib, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            patched[0]
        );
        var libtorch = TorchSharpNativePreload
            .LibTorchCandidates(
                lib,
                null,
                Path.Combine(root, "torchsharp", "0.107.0", "lib", "net8.0"),
                "2.10.0"
            )
            .ToList();
        Assert.Contains(
            Path.Combine(
                root,
                "libtorch-cpu-linux-x64",
                "2.10.0",
                "runtimes",
                "linux-x64",
                "native",
                "libtorch.so"
            ),
            libtorch
        );
        Assert.Equal("2.10.0", TorchSharpNativePreload.LibTorchVersion());
    }

    [Fact]
    public void A_copy_counts_as_patched_only_with_the_shim_beside_it()
    {
        var dir = Directory.CreateTempSubdirectory("nk-compat-");
        try
        {
            var lib = Path.Combine(dir.FullName, "libLibTorchSharp.so");
            File.WriteAllText(lib, "");
            Assert.False(TorchSharpNativePreload.IsPatchedCopy(lib));
            File.WriteAllText(Path.Combine(dir.FullName, TorchSharpCompat.ShimFileName), "");
            Assert.True(TorchSharpNativePreload.IsPatchedCopy(lib));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void NeuroKits_build_output_carries_the_patched_copy_where_this_system_needs_it()
    {
        var folder = Path.Combine(
            RepoPaths.Root,
            "src",
            "NeuroKit",
            "bin",
            "Debug",
            "net10.0",
            "torchsharp-compat",
            "linux-x64"
        );
        if (!TorchSharpCompat.IsNeeded())
            return; // compat.sh places nothing where libstdc++ is new enough (asserted by the first test's status)
        Assert.True(
            TorchSharpNativePreload.IsPatchedCopy(Path.Combine(folder, "libLibTorchSharp.so")),
            folder
        );
    }

    [Fact]
    public void An_FSharp_Core_request_of_the_same_major_version_gets_the_loaded_one_and_others_do_not()
    {
        var loaded = typeof(Microsoft.FSharp.Core.Unit).Assembly; // loaded through Plotly.NET's dependency
        var version = loaded.GetName().Version!;
        var newer = new AssemblyName(
            $"FSharp.Core, Version={version.Major}.{version.Minor + 1}.0.0"
        );
        Assert.Same(loaded, FSharpCoreUnification.FindLoaded([loaded], newer));
        var otherMajor = new AssemblyName($"FSharp.Core, Version={version.Major + 1}.0.0.0");
        Assert.Null(FSharpCoreUnification.FindLoaded([loaded], otherMajor));
        Assert.Null(
            FSharpCoreUnification.Resolve(
                System.Runtime.Loader.AssemblyLoadContext.Default,
                new AssemblyName("Plotly.NET, Version=99.0.0.0")
            )
        );
    }

    public static TheoryData<Type> ResultTypes() =>
        [
            typeof(SimilarityResult),
            typeof(RegionCountResult),
            typeof(NeuroKit.Analysis.LevelSets.LevelSetResult),
            typeof(TrainingResult),
            typeof(ActivationCache),
        ];

    [Theory]
    [MemberData(nameof(ResultTypes))]
    public void Results_carry_a_formatter_source_the_kernel_recognises_by_convention(Type type)
    {
        var html = ConventionFormatter(type, "text/html");
        Assert.NotNull(html);
    }

    [Fact]
    public void The_convention_formatter_writes_readable_escaped_html()
    {
        var result = new SimilarityResult(0.5, "linear-cka<x>", SimilarityKind.Similarity);
        var (formatter, format) = ConventionFormatter(typeof(SimilarityResult), "text/html")!.Value;
        var writer = new StringWriter();
        Assert.True((bool)format.Invoke(formatter, [result, writer])!);
        Assert.StartsWith("<pre>", writer.ToString());
        Assert.Contains("linear-cka&lt;x&gt; = 0.5", writer.ToString());
    }

    /// <summary>
    /// The formatter for <paramref name="mimeType"/>, found as the kernel's Formatter finds it (1.0.712001,
    /// Formatter.TryRegisterFromConventionBasedFormatterSources): an attribute named TypeFormatterSourceAttribute,
    /// its public FormatterSourceType, a public CreateTypeFormatters, formatters with public MimeType and Format.
    /// </summary>
    private static (object Formatter, MethodInfo Format)? ConventionFormatter(
        Type type,
        string mimeType
    )
    {
        var attribute = type.GetCustomAttributes(true)
            .Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)
            attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        var source = Activator.CreateInstance(sourceType)!;
        var formatters = (IEnumerable)
            sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!;
        foreach (var formatter in formatters)
        {
            var mime = formatter.GetType().GetProperty("MimeType")?.GetValue(formatter) as string;
            var format = formatter.GetType().GetMethod("Format");
            if (mime == mimeType && format is not null)
                return (formatter, format);
        }
        return null;
    }
}
