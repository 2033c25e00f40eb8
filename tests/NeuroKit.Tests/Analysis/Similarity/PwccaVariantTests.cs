using System.Globalization;
using NeuroKit.Analysis.Similarity;
using NeuroKit.Errors;
using Xunit.Abstractions;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>
/// Issue 12 item 3: the three PWCCA weightings against values made with numpy (google/svcca's compute_pwcca
/// on the uncentred inputs, and the paper's formula written out), by
/// tests/NeuroKit.Tests/Reference/Similarity/pwcca_variants.py.
/// </summary>
public class PwccaVariantTests(ITestOutputHelper output)
{
    /// <summary>The agreement requirement.</summary>
    private const double ReferenceTolerance = 1e-6;

    private static readonly IReadOnlyDictionary<string, double[]> Expected = File.ReadAllLines(
            Path.Combine(SimilarityData.ReferenceFolder, "pwcca_variants.csv")
        )
        .Where(l => l.Length > 0)
        .Select(l => l.Split(','))
        .ToDictionary(
            p => p[0],
            p => p.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()
        );

    private static (double[,] X, double[,] Y, double Epsilon) Case(string name) =>
        name switch
        {
            "basic" => (SimilarityData.Load("basic_x.csv"), SimilarityData.Load("basic_y.csv"), 0),
            "equal" => (
                SimilarityData.Load("basic_x.csv"),
                SimilarityData.Columns(
                    SimilarityData.Load("basic_y.csv"),
                    [.. Enumerable.Range(0, 10)]
                ),
                0
            ),
            _ => (SimilarityData.Load("dead_x.csv"), SimilarityData.Load("dead_y.csv"), 1e-10),
        };

    private void AssertClose(double[] expected, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        var worst = expected.Select((e, i) => Math.Abs(e - actual[i])).Max();
        output.WriteLine($"{what}: max |difference| = {worst:E2}");
        Assert.True(worst < ReferenceTolerance, $"{what}: max |difference| {worst:E2}");
    }

    [Theory]
    [InlineData("basic", "xy")]
    [InlineData("basic", "yx")]
    [InlineData("equal", "xy")]
    [InlineData("equal", "yx")]
    [InlineData("dead", "xy")]
    [InlineData("dead", "yx")]
    public void Google_reference_reproduces_compute_pwcca_on_uncentred_inputs(
        string name,
        string order
    )
    {
        var (x, y, epsilon) = Case(name);
        var (a, b) = order == "xy" ? (x, y) : (y, x);
        var r = new Pwcca(PwccaVariant.GoogleReference, epsilon).Compare(a, b);
        var key = $"google.{name}_{order}";
        AssertClose(Expected[key], [r.Value], key);
        AssertClose(Expected[key + ".weights"], r.Weights, key + ".weights");
        // The offsets matter: the centred default is a different number on these inputs.
        Assert.True(Math.Abs(new Pwcca().Compare(a, b).Value - r.Value) > 1e-3);
    }

    [Theory]
    [InlineData("basic", "xy")]
    [InlineData("basic", "yx")]
    [InlineData("equal", "xy")]
    [InlineData("equal", "yx")]
    public void Paper_variant_weights_the_canonical_variates_as_morcos_et_al_define(
        string name,
        string order
    )
    {
        var (x, y, _) = Case(name);
        var (a, b) = order == "xy" ? (x, y) : (y, x);
        var r = new Pwcca(PwccaVariant.Paper).Compare(a, b);
        var key = $"paper.{name}_{order}";
        AssertClose(Expected[key], [r.Value], key);
        AssertClose(Expected[key + ".weights"], r.Weights, key + ".weights");
    }

    [Fact]
    public void Google_reference_equals_the_centred_default_on_centred_inputs()
    {
        var x = SimilarityData.Load("basic_x.csv");
        var y = SimilarityData.Load("basic_y.csv");
        static double[,] Centre(double[,] m)
        {
            var c = (double[,])m.Clone();
            for (var j = 0; j < c.GetLength(1); j++)
            {
                var mean = 0.0;
                for (var i = 0; i < c.GetLength(0); i++)
                    mean += c[i, j] / c.GetLength(0);
                for (var i = 0; i < c.GetLength(0); i++)
                    c[i, j] -= mean;
            }
            return c;
        }
        foreach (var (a, b) in new[] { (x, y), (y, x) })
            Assert.Equal(
                new Pwcca().Compare(a, b).Value,
                new Pwcca(PwccaVariant.GoogleReference).Compare(Centre(a), Centre(b)).Value,
                1e-9
            );
    }

    [Fact]
    public void The_variants_have_their_own_names_and_epsilon_is_validated()
    {
        Assert.Equal("pwcca", new Pwcca().Name);
        Assert.Equal("pwcca-google", new Pwcca(PwccaVariant.GoogleReference).Name);
        Assert.Equal("pwcca-paper", new Pwcca(PwccaVariant.Paper).Name);
        Assert.StartsWith(
            "PWCCA epsilon must be in [0, 1)",
            Assert
                .Throws<NeuroKitException>(() => new Pwcca(PwccaVariant.GoogleReference, -1))
                .Message
        );
        Assert.Contains(
            "GoogleReference only",
            Assert.Throws<NeuroKitException>(() => new Pwcca(PwccaVariant.Centered, 1e-10)).Message
        );
        Assert.Throws<NeuroKitException>(() => new Pwcca((PwccaVariant)7));
    }
}
