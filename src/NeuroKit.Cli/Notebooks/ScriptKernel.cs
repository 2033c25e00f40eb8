using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace NeuroKit.Cli.Notebooks;

/// <summary>
/// C# cells run the way the Polyglot C# kernel runs them: Roslyn scripting, one script state carried from cell
/// to cell with ContinueWith (types and variables of earlier cells stay usable, a later cell may redeclare a
/// variable), the kernel's default imports, <see cref="NotebookGlobals"/> for display/HTML, top-level await,
/// and the value of a trailing expression returned for display.
/// </summary>
internal sealed partial class ScriptKernel
{
    /// <summary>The kernel's default imports (System.IO is not among them).</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System",
        "System.Text",
        "System.Collections",
        "System.Collections.Generic",
        "System.Threading.Tasks",
        "System.Linq",
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(
        LoadReferences
    );

    private static readonly string[] ExcludedAssemblies =
    [
        "Microsoft.CodeAnalysis",
        "System.CommandLine",
        "Spectre.Console",
        "NeuroKit.Cli",
        "NeuroKit.Tests",
        "NeuroKit.Bench",
        "xunit",
        "testhost",
        "Microsoft.TestPlatform",
        "Microsoft.VisualStudio",
        "CsCheck",
        "Microsoft.Playwright",
        "BenchmarkDotNet",
    ];

    private readonly NotebookGlobals _globals;
    private readonly ScriptOptions _options;
    private readonly string _notebookPath;
    private ScriptState<object>? _state;

    public ScriptKernel(NotebookGlobals globals, string workingDirectory, string notebookPath)
    {
        _globals = globals;
        _notebookPath = notebookPath;
        _options = ScriptOptions
            .Default.WithReferences(References.Value)
            .WithImports(DefaultImports)
            .WithMetadataResolver(
                ScriptMetadataResolver.Default.WithBaseDirectory(workingDirectory)
            )
            .WithSourceResolver(new SourceFileResolver([], workingDirectory))
            .WithLanguageVersion(LanguageVersion.Preview)
            .WithAllowUnsafe(true)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithOptimizationLevel(OptimizationLevel.Debug);
    }

    /// <summary>
    /// Loads the compiler and the references and runs a trivial script, so the first cell's time (and its
    /// --cell-timeout) measures the cell, not the compiler's start-up.
    /// </summary>
    public static void WarmUp() =>
        CSharpScript
            .RunAsync(
                "1",
                ScriptOptions.Default.WithReferences(References.Value).WithImports(DefaultImports)
            )
            .GetAwaiter()
            .GetResult();

    /// <summary>
    /// Compiles and runs <paramref name="code"/> after the previous cells; returns the trailing expression's value
    /// (when the cell ends in one) or the error (compile errors with the cell's line numbers, or the exception).
    /// </summary>
    public async Task<CellResult> RunAsync(
        string code,
        int cellNumber,
        string label,
        CancellationToken cancellationToken
    )
    {
        var options = _options.WithFilePath($"{_notebookPath}#cell{cellNumber}");
        try
        {
            var script = _state is null
                ? CSharpScript.Create(code, options, typeof(NotebookGlobals))
                : _state.Script.ContinueWith(code, options);
            var diagnostics = script.Compile(cancellationToken);
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
                return CompileError(errors, label);
            var state = _state is null
                ? await script.RunAsync(_globals, _ => true, cancellationToken)
                : await script.RunFromAsync(_state, _ => true, cancellationToken);
            _state = state;
            if (state.Exception is { } exception)
                return RuntimeError(exception, label);
            return new CellResult(
                HasTrailingValue(state.Script.GetCompilation()),
                state.ReturnValue,
                null
            );
        }
        catch (CompilationErrorException e)
        {
            return CompileError(
                e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList(),
                label
            );
        }
    }

    /// <summary>True when the submission ends in an expression without a semicolon whose type is not void.</summary>
    private static bool HasTrailingValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax root)
            return false;
        if (
            root.Members.LastOrDefault()
            is not Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax
            {
                Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax
                {
                    SemicolonToken.IsMissing: true
                } statement,
            }
        )
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private static CellResult CompileError(IReadOnlyList<Diagnostic> errors, string label)
    {
        var lines = errors
            .Select(d =>
            {
                var position = d.Location.GetLineSpan().StartLinePosition;
                return $"({position.Line + 1},{position.Character + 1}): error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
            })
            .ToList();
        var first = errors[0].Location.GetLineSpan().StartLinePosition.Line + 1;
        return new CellResult(
            false,
            null,
            new CellError(
                "CompilationError",
                string.Join("\n", lines),
                lines,
                $"{label}, line {first}: {lines[0]}"
            )
        );
    }

    private CellResult RuntimeError(Exception exception, string label)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
            exception = aggregate.InnerExceptions[0];
        var trace = (exception.StackTrace ?? "")
            .Split('\n')
            .Select(l => l.TrimEnd())
            .Where(l =>
                l.Length > 0
                && !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                && !l.Contains("--- End of stack trace", StringComparison.Ordinal)
            )
            .Select(l =>
                CellFrame()
                    .Replace(
                        l,
                        m => $"in cell {m.Groups["cell"].Value}, line {m.Groups["line"].Value}"
                    )
            )
            .ToList();
        var where = trace.Select(l => CellLine().Match(l)).FirstOrDefault(m => m.Success);
        var at = where is null
            ? label
            : $"cell {where.Groups["cell"].Value}, line {where.Groups["line"].Value}";
        var header = $"{exception.GetType().FullName}: {exception.Message}";
        return new CellResult(
            false,
            null,
            new CellError(
                exception.GetType().FullName ?? exception.GetType().Name,
                exception.Message,
                [header, .. trace],
                $"{at}: {header}"
            )
        );
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(p =>
            {
                var name = Path.GetFileNameWithoutExtension(p);
                return !ExcludedAssemblies.Any(x =>
                    name.StartsWith(x, StringComparison.OrdinalIgnoreCase)
                );
            })
            .ToList();
        // The library itself, wherever the host found it (it is always loaded: the formatters use it).
        paths.Add(typeof(NeuroKit.Notebooks.NotebookDocument).Assembly.Location);
        paths.Add(typeof(NotebookGlobals).Assembly.Location);
        return
        [
            .. paths
                .Distinct(StringComparer.Ordinal)
                .Where(File.Exists)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
        ];
    }

    [GeneratedRegex(@"in .*#cell(?<cell>\d+):line (?<line>\d+)")]
    private static partial Regex CellFrame();

    [GeneratedRegex(@"in cell (?<cell>\d+), line (?<line>\d+)")]
    private static partial Regex CellLine();
}

/// <summary>What a cell produced: the trailing expression's value (when it has one) or an error.</summary>
internal sealed record CellResult(bool HasValue, object? Value, CellError? Error);

/// <summary>An error as nbformat stores it, plus a one-line summary naming the cell and line.</summary>
internal sealed record CellError(
    string Name,
    string Value,
    IReadOnlyList<string> Traceback,
    string Summary
);
