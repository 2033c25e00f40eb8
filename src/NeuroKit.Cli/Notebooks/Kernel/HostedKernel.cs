using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// The real .NET Interactive C# kernel (Microsoft.DotNet.Interactive.CSharp), hosted in this process the way
/// the <c>dotnet-interactive</c> tool behind VS Code's Polyglot Notebooks composes it: a
/// <see cref="CompositeKernel"/> with the C# kernel (<c>#r "nuget:"</c>, <c>#i</c>, <c>display</c>,
/// <c>#!who</c>, <c>#!set</c>/<c>#!share</c>) and the value kernel (<c>#!value</c>), plus the tool's
/// <c>#!time</c> and <c>#!markdown</c>, and kernel extensions loaded from NuGet packages
/// (<c>interactive-extensions/dotnet</c>, e.g. Plotly.NET.Interactive and Microsoft.Data.Analysis), as the tool
/// loads them. Formatting defaults are the tool's for a browser front end (text/html, strings as text/plain).
/// </summary>
internal sealed class HostedKernel : IDisposable
{
    /// <summary>The name of the hosted C# kernel, and its aliases as the tool registers them.</summary>
    public const string CSharpName = "csharp";

    /// <summary>Kernels the Polyglot extension knows that this host does not run (cells for them are refused).</summary>
    public static readonly IReadOnlyDictionary<string, string> NotHosted = new Dictionary<
        string,
        string
    >(StringComparer.OrdinalIgnoreCase)
    {
        ["fsharp"] = "F#",
        ["f#"] = "F#",
        ["pwsh"] = "PowerShell",
        ["powershell"] = "PowerShell",
        ["javascript"] = "JavaScript",
        ["js"] = "JavaScript",
        ["html"] = "HTML",
        ["mermaid"] = "Mermaid",
        ["sql"] = "SQL",
        ["kql"] = "KQL",
        ["http"] = "HTTP",
    };

    private readonly CompositeKernel _kernel;
    private readonly HashSet<string> _loadedExtensions = new(StringComparer.Ordinal);
    private readonly Queue<string> _packagesToScan = new();

    private HostedKernel(CompositeKernel kernel) => _kernel = kernel;

    /// <summary>The composite kernel; its <see cref="Kernel.KernelEvents"/> carry every cell's output.</summary>
    public CompositeKernel Kernel => _kernel;

    /// <summary>
    /// Builds the kernel. The working directory of the process is the notebook's folder (relative <c>#r</c> paths
    /// and files start there, as in VS Code).
    /// </summary>
    public static HostedKernel Create()
    {
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
        var csharp = new CSharpKernel()
            .UseNugetDirective(
                (kernel, references) =>
                {
                    kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                    return Task.CompletedTask;
                }
            )
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        var composite = new CompositeKernel();
        composite.Add(csharp, ["c#", "C#"]);
        composite.Add(new KeyValueStoreKernel().UseWho());
        composite.DefaultKernelName = CSharpName;
        composite.UseImportMagicCommand();
        var host = new HostedKernel(composite);
        host.AddTimeDirective();
        host.AddMarkdownDirective();
        host.LoadExtensionsFromPackages();
        return host;
    }

    /// <summary>Runs one cell's code; the events arrive on <see cref="Kernel"/>'s event stream while it runs.</summary>
    public Task<KernelCommandResult> SubmitAsync(
        string code,
        string? kernelName,
        CancellationToken cancellationToken
    ) => _kernel.SendAsync(new SubmitCode(code, kernelName), cancellationToken);

    /// <summary>
    /// Compiles and runs a trivial submission, so the compiler's start-up (JIT, seconds on a busy machine) is not
    /// charged to the first cell's time and its --cell-timeout. It produces no output.
    /// </summary>
    public Task WarmUpAsync() => _kernel.SendAsync(new SubmitCode("0", CSharpName));

    /// <summary>
    /// Evaluates <paramref name="expression"/> in the C# kernel without touching the notebook, returning its
    /// text/plain value, or null when it fails (e.g. the type it names is not loaded).
    /// </summary>
    public async Task<string?> EvaluateAsync(string expression)
    {
        var result = await _kernel.SendAsync(new SubmitCode(expression, CSharpName));
        if (result.Events.OfType<CommandFailed>().Any())
            return null;
        return result
            .Events.OfType<ReturnValueProduced>()
            .Select(r => r.Value as string)
            .FirstOrDefault();
    }

    /// <summary>
    /// TorchSharp's native library, preloaded from this build's output before any cell touches TorchSharp. On
    /// Debian 12 only the build output holds the libstdc++-compatible copy (build/torchsharp-compat), while
    /// <c>#r "nuget: TorchSharp-cpu"</c> points TorchSharp at the unpatched one in the NuGet cache; loading the
    /// patched library by path first makes TorchSharp's own load find it resident. Elsewhere this loads the
    /// same library TorchSharp would. Returns the loaded path, or null when there is nothing to load.
    /// </summary>
    public static string? PreloadTorchSharpNative()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var folder = AppContext.BaseDirectory;
        foreach (
            var candidate in new[]
            {
                Path.Combine(folder, "libLibTorchSharp.so"),
                Path.Combine(folder, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            }
        )
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out _))
                return candidate;
        return null;
    }

    private void AddTimeDirective()
    {
        // As the dotnet-interactive tool does: the wall time of the rest of the cell, shown when it completes.
        _kernel.AddDirective(
            new KernelActionDirective("#!time")
            {
                Description = "Time the execution of the following code in the submission.",
            },
            (_, context) =>
            {
                var watch = Stopwatch.StartNew();
                context.OnComplete(completed =>
                {
                    var elapsed = watch.Elapsed;
                    completed.Publish(
                        new DisplayedValueProduced(
                            elapsed,
                            context.Command,
                            [
                                new FormattedValue(
                                    PlainTextFormatter.MimeType,
                                    $"Wall time: {elapsed.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms"
                                ),
                            ]
                        )
                    );
                });
                return Task.CompletedTask;
            }
        );
    }

    private void AddMarkdownDirective()
    {
        // As the tool does: the rest of the cell is markdown, shown as HTML.
        _kernel.AddDirective(
            new KernelActionDirective("#!markdown") { Description = "Render the cell as markdown" },
            (_, context) =>
            {
                if (context.Command is SubmitCode submit)
                {
                    var markdown = submit.Code.Replace("#!markdown", "").Trim();
                    var html = MarkdownRenderer.Render(markdown);
                    context.Publish(
                        new DisplayedValueProduced(
                            html,
                            context.Command,
                            [new FormattedValue(HtmlFormatter.MimeType, html)]
                        )
                    );
                    context.Complete(submit);
                }
                return Task.CompletedTask;
            }
        );
    }

    private void LoadExtensionsFromPackages()
    {
        // As the tool does: after a command that added packages, every IKernelExtension in a package's
        // interactive-extensions/dotnet folder is loaded into the default load context and given the kernel.
        _kernel.KernelEvents.Subscribe(
            new Observer<KernelEvent>(e =>
            {
                if (e is PackageAdded { PackageReference.PackageRoot: { } root })
                    lock (_packagesToScan)
                        _packagesToScan.Enqueue(root);
            })
        );
        _kernel.AddMiddleware(
            async (command, context, next) =>
            {
                await next(command, context);
                while (true)
                {
                    string root;
                    lock (_packagesToScan)
                    {
                        if (_packagesToScan.Count == 0)
                            break;
                        root = _packagesToScan.Dequeue();
                    }
                    var folder = Path.Combine(root, "interactive-extensions", "dotnet");
                    if (!Directory.Exists(folder))
                        continue;
                    foreach (var dll in Directory.GetFiles(folder, "*.dll"))
                        await LoadExtensionAsync(dll, context);
                }
            }
        );
    }

    private async Task LoadExtensionAsync(string path, KernelInvocationContext context)
    {
        if (!_loadedExtensions.Add(AssemblyName.GetAssemblyName(path).FullName))
            return;
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        var types = assembly
            .ExportedTypes.Where(t =>
                !t.IsAbstract
                && !t.IsInterface
                && !t.IsGenericTypeDefinition
                && typeof(IKernelExtension).IsAssignableFrom(t)
            )
            .ToList();
        if (types.Count > 0)
            KernelInvocationContextExtensions.Display(
                context,
                $"Loading extensions from `{assembly.Location}`"
            );
        foreach (var type in types)
        {
            var extension = (IKernelExtension)Activator.CreateInstance(type)!;
            try
            {
                await extension.OnLoadAsync(_kernel);
                context.Publish(new KernelExtensionLoaded(extension, context.Command));
            }
            catch (Exception e)
            {
                context.Publish(
                    new ErrorProduced(
                        $"Failed to load kernel extension \"{type.Name}\" from assembly {assembly.Location}",
                        context.Command
                    )
                );
                context.Fail(context.Command, new KernelExtensionLoadException(e));
            }
        }
    }

    public void Dispose() => _kernel.Dispose();

    /// <summary>An <see cref="IObserver{T}"/> over a callback (the kernel's event stream is an observable).</summary>
    internal sealed class Observer<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void OnNext(T value) => onNext(value);
    }
}
