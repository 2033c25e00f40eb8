using System.Text.RegularExpressions;
using System.Xml.Linq;
using NeuroKit.Cli.Notebooks;
using NeuroKit.Notebooks;

namespace NeuroKit.Tests.Notebooks;

/// <summary>
/// Notebooks hold experiments, not algorithms, and decide every claim through NeuroKit.Claims: the closing cell
/// reports through <c>Verdict.Report()</c> and prints no hand-made verdict words; code cells declare at most a
/// few helper functions (formatting and plotting glue); and the packages a notebook loads with
/// <c>#r "nuget: X, version"</c> have the versions of Directory.Packages.props.
/// </summary>
public partial class NotebookVerdictConventionTests
{
    /// <summary>Local functions, lambdas assigned to variables, and types a notebook may declare in all its cells.</summary>
    public const int MaxHelpers = 6;

    // The quickstart tours the library and makes no claim; every other notebook reproduces papers' claims.
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (
            var name in Directory
                .GetFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb")
                .Select(Path.GetFileName)
                .Order()
        )
            if (!name!.StartsWith("00-", StringComparison.Ordinal))
                data.Add(name);
        return data;
    }

    private static NotebookDocument Load(string name) =>
        NotebookDocument.Load(Path.Combine(RepoPaths.Root, "notebooks", name));

    private static IEnumerable<string> CodeCells(string name) =>
        Load(name).Cells.Where(c => c.Kind == NotebookCellKind.Code).Select(c => c.Source);

    // A local function declaration at the start of a line: modifiers, a return type (name, generic, array, tuple),
    // the function's name and a parameter list, then "=>" or a body. Statements starting with a keyword are not.
    [GeneratedRegex(
        @"^[ \t]*(?:(?:static|async|private|public|internal)\s+)*(?!(?:return|new|await|else|using|var|foreach|for|while|if|switch|catch|lock|throw|yield|case)\b)(?:[A-Za-z_][\w\.]*(?:<[^=;]*?>)?(?:\[[,\s]*\])*\??|\([^()]*\)(?:\[[,\s]*\])*)\s+[A-Za-z_]\w*\s*\([^;]*?\)\s*(?:=>|\{|$)",
        RegexOptions.Multiline
    )]
    private static partial Regex LocalFunction();

    // A lambda kept in a variable: var name = (args) => or var name = x =>.
    [GeneratedRegex(@"^[ \t]*var\s+\w+\s*=\s*(?:\([^()]*\)|\w+)\s*=>", RegexOptions.Multiline)]
    private static partial Regex StoredLambda();

    [GeneratedRegex(
        @"^[ \t]*(?:(?:public|internal|sealed|static|readonly)\s+)*(?:class|record|struct)\s+\w+",
        RegexOptions.Multiline
    )]
    private static partial Regex TypeDeclaration();

    internal static IReadOnlyList<string> Helpers(string code) =>
        [
            .. LocalFunction().Matches(code).Select(m => m.Value.Trim()),
            .. StoredLambda().Matches(code).Select(m => m.Value.Trim()),
            .. TypeDeclaration().Matches(code).Select(m => m.Value.Trim()),
        ];

    [Fact]
    public void The_helper_counter_finds_local_functions_lambdas_and_types_but_not_calls()
    {
        var code = """
            static string Percent(double share) => $"{share}";
            double[,] MeanBlock(double[,] all, bool sameSeed)
            {
            (double Same, double Rival)[] Margins(double[,] m) =>
            var own = (double[,] m) => m[0, 0];
            record Row(int A);
            display(Plot.Lines(series));
            foreach (var x in xs)
            var result = CrossModel.AcrossModels(metric, caches, names);
            Trainer.Train(net, train, options).Dispose();
            if (a) Console.WriteLine(b);
            return Compare(a, b);
            """;
        Assert.Equal(5, Helpers(code).Count);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_closing_cell_reports_every_verdict_through_the_Verdict_type(string name)
    {
        var last = CodeCells(name).Last();
        Assert.Contains(".Report()", last);
        Assert.True(
            Regex.Matches(last, @"Verdict\.(Exceeds|Below|Combine|Of)\(").Count > 0,
            $"{name}: the closing cell decides no claim with Verdict.Exceeds/Below/Combine/Of."
        );
        // A string literal that is a verdict word (e.g. `ok ? "SHOWN" : "NOT SHOWN"`) means a verdict bypassed the type.
        Assert.DoesNotMatch(@"""\s*(NOT SHOWN|PARTLY SHOWN|SHOWN|PASSED|FAILED)\b", last);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebooks_define_at_most_a_few_helper_functions(string name)
    {
        var helpers = CodeCells(name).SelectMany(Helpers).ToList();
        Assert.True(
            helpers.Count <= MaxHelpers,
            $"{name} declares {helpers.Count} helpers (at most {MaxHelpers}); move algorithms into the library:\n  "
                + string.Join("\n  ", helpers)
        );
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Nuget_references_have_the_versions_of_Directory_Packages_props(string name)
    {
        var props = XDocument
            .Load(Path.Combine(RepoPaths.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(
                e => (string)e.Attribute("Include")!,
                e => (string)e.Attribute("Version")!
            );
        // Plotly.NET.Interactive is only loaded by notebooks (VS Code's chart formatter); it pairs with Plotly.NET.
        var expected = new Dictionary<string, string>(props)
        {
            ["Plotly.NET.Interactive"] = props["Plotly.NET"],
        };
        var references = CodeCells(name)
            .SelectMany(c =>
                Regex
                    .Matches(c, @"#r\s+""nuget:\s*([^,""\s]+)\s*(?:,\s*([^""\s]+))?\s*""")
                    .Cast<Match>()
            )
            .ToList();
        Assert.NotEmpty(references);
        foreach (var r in references)
        {
            var package = r.Groups[1].Value;
            Assert.True(
                expected.ContainsKey(package),
                $"{name} loads {package}, which Directory.Packages.props does not pin; add it there or drop the reference."
            );
            Assert.True(
                r.Groups[2].Success && r.Groups[2].Value == expected[package],
                $"{name} loads {package} {(r.Groups[2].Success ? r.Groups[2].Value : "(no version)")} but Directory.Packages.props pins {expected[package]}."
            );
        }
    }
}
