using CsCheck;
using NeuroKit.Analysis.Similarity;
using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>
/// Relative representations (Moschella et al. 2023): cosines to anchors by hand, the invariances the paper
/// relies on (orthogonal maps, rescaling; translations only with centring), zero codes, and input checks.
/// </summary>
public class RelativeRepresentationTests
{
    /// <summary>Hand-computed cosines of small integer vectors: float64 rounding only.</summary>
    private const double ExactTolerance = 1e-12;

    /// <summary>Invariances hold to rounding in float64 for a few dozen samples.</summary>
    private const double InvarianceTolerance = 1e-9;

    private static readonly Gen<int> Seeds = Gen.Int[0, 1_000_000];

    private static Tensor T(double[,] values) => tensor(values);

    private static double[,] ToArray(Tensor t)
    {
        var rows = (int)t.shape[0];
        var cols = (int)t.shape[1];
        var flat = t.to(ScalarType.Float64).contiguous().data<double>().ToArray();
        var m = new double[rows, cols];
        Buffer.BlockCopy(flat, 0, m, 0, flat.Length * sizeof(double));
        return m;
    }

    private static void AssertClose(double[,] expected, double[,] actual, double tolerance)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (var i = 0; i < expected.GetLength(0); i++)
        for (var j = 0; j < expected.GetLength(1); j++)
            Assert.Equal(expected[i, j], actual[i, j], tolerance);
    }

    [Fact]
    public void Project_gives_the_cosine_of_every_code_with_every_anchor()
    {
        // codes (1,0), (1,1), (0,2), (-3,0); anchors (1,0), (0,5), (1,-1).
        // cos((1,1),(1,-1)) = 0, cos((1,0),(1,-1)) = 1/√2, cos((0,2),(1,-1)) = -1/√2, and so on.
        var codes = T(
            new double[,]
            {
                { 1, 0 },
                { 1, 1 },
                { 0, 2 },
                { -3, 0 },
            }
        );
        var anchors = T(
            new double[,]
            {
                { 1, 0 },
                { 0, 5 },
                { 1, -1 },
            }
        );
        var h = 1 / Math.Sqrt(2);
        var expected = new double[,]
        {
            { 1, 0, h },
            { h, h, 0 },
            { 0, 1, -h },
            { -1, 0, -h },
        };
        AssertClose(
            expected,
            ToArray(RelativeRepresentation.Project(codes, anchors)),
            ExactTolerance
        );
    }

    [Fact]
    public void Project_is_invariant_to_orthogonal_maps_and_positive_rescaling_of_the_latent_space()
    {
        Seeds.Sample(
            seed =>
            {
                var random = new Random(seed);
                var codes = SimilarityData.Gaussian(random, 30, 6);
                var anchors = SimilarityData.Gaussian(random, 8, 6);
                var q = SimilarityData.Orthogonal(random, 6);
                var scale = 0.01 + 100 * random.NextDouble();
                double[,] Move(double[,] m) =>
                    SimilarityData.Map(SimilarityData.Multiply(m, q), v => scale * v);
                using var scope = NewDisposeScope();
                var before = RelativeRepresentation.Project(T(codes), T(anchors));
                var after = RelativeRepresentation.Project(T(Move(codes)), T(Move(anchors)));
                AssertClose(ToArray(before), ToArray(after), InvarianceTolerance);
            },
            iter: 25
        );
    }

    [Fact]
    public void Centering_makes_the_projection_invariant_to_translations_and_without_it_a_shift_changes_it()
    {
        Seeds.Sample(
            seed =>
            {
                var random = new Random(seed);
                var codes = SimilarityData.Gaussian(random, 20, 5);
                var anchors = SimilarityData.Gaussian(random, 6, 5);
                var shift = Enumerable.Range(0, 5).Select(_ => 3 + random.NextDouble()).ToArray();
                double[,] Shift(double[,] m)
                {
                    var s = (double[,])m.Clone();
                    for (var i = 0; i < s.GetLength(0); i++)
                    for (var j = 0; j < s.GetLength(1); j++)
                        s[i, j] += shift[j];
                    return s;
                }
                using var scope = NewDisposeScope();
                var centred = ToArray(RelativeRepresentation.Project(T(codes), T(anchors), true));
                var centredShifted = ToArray(
                    RelativeRepresentation.Project(T(Shift(codes)), T(Shift(anchors)), true)
                );
                AssertClose(centred, centredShifted, InvarianceTolerance);

                var plain = RelativeRepresentation.Project(T(codes), T(anchors));
                var plainShifted = RelativeRepresentation.Project(
                    T(Shift(codes)),
                    T(Shift(anchors))
                );
                // A shift of 3..4 in every coordinate moves Gaussian codes far from their anchors' angles.
                Assert.True((plain - plainShifted).abs().max().item<double>() > 0.1);
            },
            iter: 25
        );
    }

    [Fact]
    public void Project_keeps_the_codes_dtype_and_gives_zero_cosines_for_a_code_of_norm_zero()
    {
        var codes = tensor(new float[] { 0, 0, 0, 2, 0, 0 }, [2, 3]);
        var anchors = tensor(new float[] { 1, 1, 0, 0, 0, 4 }, [2, 3]);
        var rel = RelativeRepresentation.Project(codes, anchors);
        Assert.Equal(ScalarType.Float32, rel.dtype);
        AssertClose(
            new double[,]
            {
                { 0, 0 },
                { 1 / Math.Sqrt(2), 0 },
            },
            ToArray(rel),
            1e-7 // float32 result
        );
    }

    [Fact]
    public void Relative_codes_of_two_encoders_that_differ_by_a_rotation_agree_exactly_and_their_absolute_codes_do_not()
    {
        var random = new Random(7);
        var codes = SimilarityData.Gaussian(random, 40, 6);
        var anchors = SimilarityData.Gaussian(random, 10, 6);
        var q = SimilarityData.Orthogonal(random, 6);
        var otherCodes = SimilarityData.Multiply(codes, q);
        var otherAnchors = SimilarityData.Multiply(anchors, q);
        using var scope = NewDisposeScope();
        var relative = RelativeRepresentation.Agreement(
            RelativeRepresentation.Project(T(codes), T(anchors)),
            RelativeRepresentation.Project(T(otherCodes), T(otherAnchors))
        );
        var absolute = RelativeRepresentation.Agreement(T(codes), T(otherCodes));
        Assert.Equal(1.0, relative, InvarianceTolerance);
        Assert.True(absolute < 0.99, $"absolute agreement {absolute} should be below 1");
    }

    [Fact]
    public void Agreement_is_the_mean_rowwise_cosine()
    {
        // Rows: identical (cos 1), opposite (cos -1), orthogonal (cos 0), (1,1) vs (1,0) (cos 1/√2).
        var x = T(
            new double[,]
            {
                { 1, 2 },
                { 3, 0 },
                { 0, 1 },
                { 1, 1 },
            }
        );
        var y = T(
            new double[,]
            {
                { 2, 4 },
                { -1, 0 },
                { 5, 0 },
                { 1, 0 },
            }
        );
        Assert.Equal(
            (1 - 1 + 0 + 1 / Math.Sqrt(2)) / 4,
            RelativeRepresentation.Agreement(x, y),
            ExactTolerance
        );
    }

    [Fact]
    public void Errors_name_the_offending_input()
    {
        var codes = zeros(5, 4);
        var e = Assert.Throws<NeuroKitException>(() =>
            RelativeRepresentation.Project(codes, zeros(3, 6))
        );
        Assert.Contains("codes has 4 neurons (columns) but anchors has 6", e.Message);

        var nan = zeros(5, 4);
        nan[2, 1] = tensor(float.NaN);
        var n = Assert.Throws<NeuroKitException>(() =>
            RelativeRepresentation.Project(nan, zeros(3, 4))
        );
        Assert.StartsWith("codes", n.Message);

        var none = Assert.Throws<NeuroKitException>(() =>
            RelativeRepresentation.Project(codes, zeros(0, 4))
        );
        Assert.Contains("anchors has no rows", none.Message);

        var rank = Assert.Throws<NeuroKitException>(() =>
            RelativeRepresentation.Project(zeros(5), zeros(3, 4))
        );
        Assert.Contains("codes", rank.Message);

        var shapes = Assert.Throws<NeuroKitException>(() =>
            RelativeRepresentation.Agreement(zeros(5, 3), zeros(5, 4))
        );
        Assert.Contains("x has shape [5, 3] and y has [5, 4]", shapes.Message);
    }
}
