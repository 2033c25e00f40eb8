using NeuroKit.Analysis.Similarity;
using Xunit.Abstractions;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>
/// Agreement with google/svcca (commit 1f3fbf1, run with Debian's python3-numpy 1.24) on the matrices in
/// tests/NeuroKit.Tests/Reference/Similarity (see the README there for how they were produced).
/// google/svcca is neurons x samples: the reference run transposed these samples x neurons files.
/// </summary>
public class ReferenceTests(ITestOutputHelper output)
{
    /// <summary>The agreement requirement.</summary>
    private const double ReferenceTolerance = 1e-6;

    private static double[,] X(string c) => SimilarityData.Load($"{c}_x.csv");

    private static double[,] Y(string c) => SimilarityData.Load($"{c}_y.csv");

    private void AssertClose(double[] expected, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        var worst = expected.Select((e, i) => Math.Abs(e - actual[i])).Max();
        output.WriteLine($"{what}: {expected.Length} values, max |difference| = {worst:E2}");
        Assert.True(worst < ReferenceTolerance, $"{what}: max |difference| {worst:E2}");
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("dead")]
    public void Cca_gives_google_svcca_canonical_correlations(string c)
    {
        var r = new Cca().Compare(X(c), Y(c));
        var expected = SimilarityData.Expected[$"{c}.cca"];
        AssertClose(expected, r.Correlations, $"{c} cca");
        Assert.Equal(expected.Average(), r.Value, ReferenceTolerance);
    }

    [Theory]
    [InlineData("basic", "svcca4")]
    [InlineData("basic", "svcca99")]
    [InlineData("dead", "svcca4")]
    [InlineData("dead", "svcca99")]
    public void Svcca_matches_google_svcca_after_the_same_svd_truncation(string c, string variant)
    {
        var keep = variant == "svcca4" ? SvdKeep.Count(4) : SvdKeep.Variance(0.99);
        var r = new Svcca(keep).Compare(X(c), Y(c));
        var k = SimilarityData.Expected[$"{c}.{variant}.k"];
        Assert.Equal((int)k[0], r.DirectionsX);
        Assert.Equal((int)k[1], r.DirectionsY);
        var expected = SimilarityData.Expected[$"{c}.{variant}"];
        AssertClose(expected, r.Correlations, $"{c} {variant}");
        Assert.Equal(expected.Average(), r.Value, ReferenceTolerance);
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("dead")]
    public void Pwcca_matches_google_svcca_in_both_orders_with_the_acts2_fix(string c)
    {
        // pwcca_yx runs google/svcca's else-branch (the first input has more neurons), which uses acts1 where
        // acts2 is meant (PR #9, an IndexError here); the reference values come from the corrected branch.
        var xy = new Pwcca().Compare(X(c), Y(c));
        var yx = new Pwcca().Compare(Y(c), X(c));
        AssertClose(SimilarityData.Expected[$"{c}.pwcca_xy"], [xy.Value], $"{c} pwcca(x, y)");
        AssertClose(SimilarityData.Expected[$"{c}.pwcca_yx"], [yx.Value], $"{c} pwcca(y, x)");
        AssertClose(
            SimilarityData.Expected[$"{c}.pwcca_xy.weights"],
            xy.Weights,
            $"{c} pwcca weights"
        );
        AssertClose(
            SimilarityData.Expected[$"{c}.pwcca_yx.weights"],
            yx.Weights,
            $"{c} pwcca(y, x) weights"
        );
    }

    [Fact]
    public void Pwcca_is_asymmetric_when_both_sides_have_equal_widths_as_in_google_svcca()
    {
        var x = X("basic");
        var y10 = SimilarityData.Columns(Y("basic"), Enumerable.Range(0, 10).ToArray());
        var xy = new Pwcca().Compare(x, y10).Value;
        var yx = new Pwcca().Compare(y10, x).Value;
        AssertClose(SimilarityData.Expected["equal.pwcca_xy"], [xy], "equal widths pwcca(x, y)");
        AssertClose(SimilarityData.Expected["equal.pwcca_yx"], [yx], "equal widths pwcca(y, x)");
        Assert.True(Math.Abs(xy - yx) > 0.1);
    }

    [Fact]
    public void Dead_and_constant_neurons_are_dropped_and_named_in_the_notes()
    {
        var r = new Cca().Compare(X("dead"), Y("dead"));
        Assert.Equal([3, 5, 7], r.DroppedX);
        Assert.Equal([0], r.DroppedY);
        Assert.Contains(
            r.Notes,
            n => n.StartsWith("x: dropped 3 constant (dead) neuron(s) of 10: columns 3, 5, 7")
        );
        Assert.Contains(
            r.Notes,
            n => n.StartsWith("y: dropped 1 constant (dead) neuron(s) of 14: columns 0")
        );
    }
}
