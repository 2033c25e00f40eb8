using CsCheck;
using NeuroKit.Analysis.LevelSets;
using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.LevelSets;

public class LevelSetProbesTests
{
    private const double ExactTolerance = 1e-12;

    // Two classes on 3 features: logit difference (class 0 minus class 1) is d(x) = w·x + b0 - b1 with
    // w = (1, -2, 0.5), b0 - b1 = 0.25; p_0 = sigmoid(d), p_1 = sigmoid(-d).
    private static readonly double[,] Weight =
    {
        { 1.0, -1.5, 0.5 },
        { 0.0, 0.5, 0.0 },
    };
    private static readonly double[] Bias = { 0.25, 0.0 };
    private static readonly double[] W = { 1.0, -2.0, 0.5 };

    private static double Confidence(double[] x, long c)
    {
        var d = W[0] * x[0] + W[1] * x[1] + W[2] * x[2] + 0.25;
        return 1 / (1 + Math.Exp(c == 0 ? -d : d));
    }

    private static readonly double[,] Sources =
    {
        { 0.5, -0.5, 1.0 },
        { -1.0, 0.5, 0.0 },
    };
    private static readonly double[,] EndA =
    {
        { 2.0, 1.0, -1.0 },
        { 0.0, 0.0, 3.0 },
    };
    private static readonly double[,] EndB =
    {
        { -1.0, 0.0, 2.0 },
        { 1.0, -1.0, -2.0 },
    };

    private static double[] Row(double[,] rows, int i) =>
        Enumerable.Range(0, rows.GetLength(1)).Select(f => rows[i, f]).ToArray();

    [Fact]
    public void The_triangle_grid_for_n_10_has_66_points_and_11_on_each_edge()
    {
        var (i, j) = LevelSetProbes.TriangleGrid(10);
        Assert.Equal(66, i.Length);
        Assert.Equal(11, j.Count(v => v == 0)); // edge source -> a
        Assert.Equal(11, i.Count(v => v == 0)); // edge source -> b
        Assert.Equal(11, i.Zip(j).Count(p => p.First + p.Second == 10)); // edge a -> b
        Assert.Equal(66, i.Zip(j).Distinct().Count());
        Assert.All(
            i.Zip(j),
            p => Assert.True(p.First >= 0 && p.Second >= 0 && p.First + p.Second <= 10)
        );
    }

    [Fact]
    public void The_triangle_grid_has_n_plus_1_times_n_plus_2_over_2_distinct_points_for_every_n()
    {
        Gen.Int[1, 40]
            .Sample(n =>
            {
                var (i, j) = LevelSetProbes.TriangleGrid(n);
                return i.Length == (n + 1) * (n + 2) / 2
                    && i.Zip(j).Distinct().Count() == i.Length
                    && i.Zip(j).All(p => p.First >= 0 && p.Second >= 0 && p.First + p.Second <= n);
            });
    }

    [Fact]
    public void Triangle_confidences_match_the_linear_model_at_every_grid_point_and_the_heatmap_places_them()
    {
        using var model = TestModels.Linear(Weight, Bias);
        using var sources = tensor(Sources);
        using var a = tensor(EndA);
        using var b = tensor(EndB);
        var triangle = LevelSetProbes.OverTriangle(model, sources, a, b, n: 10);

        Assert.Equal(66, triangle.Points);
        for (var t = 0; t < 2; t++)
        {
            var c = triangle.Classes[t];
            var xs = Row(Sources, t);
            var xa = Row(EndA, t);
            var xb = Row(EndB, t);
            for (var k = 0; k < triangle.Points; k++)
            {
                double wa = triangle.I[k] / 10.0,
                    wb = triangle.J[k] / 10.0;
                var x = Enumerable
                    .Range(0, 3)
                    .Select(f => (1 - wa - wb) * xs[f] + wa * xa[f] + wb * xb[f])
                    .ToArray();
                Assert.Equal(Confidence(x, c), triangle.Confidence[t, k], ExactTolerance);
            }
            var map = triangle.ToHeatmap(t);
            Assert.Equal(Confidence(xs, c), map[0, 0], ExactTolerance);
            Assert.Equal(Confidence(xa, c), map[0, 10], ExactTolerance);
            Assert.Equal(Confidence(xb, c), map[10, 0], ExactTolerance);
            for (var r = 0; r <= 10; r++)
            for (var col = 0; col <= 10; col++)
                Assert.Equal(r + col > 10, double.IsNaN(map[r, col]));
        }
        Assert.Equal(new long[] { 0, 1 }, triangle.Classes); // d(source 0) = 2.25, d(source 1) = -1.75
    }

    [Fact]
    public void Path_confidences_follow_the_linear_model_and_the_ends_are_exact()
    {
        using var model = TestModels.Linear(Weight, Bias);
        using var sources = tensor(Sources);
        using var ends = tensor(EndA);
        var path = LevelSetProbes.AlongPath(model, sources, ends, points: 11);

        Assert.Equal(Enumerable.Range(0, 11).Select(i => i / 10.0), path.T);
        for (var p = 0; p < 2; p++)
        {
            var xs = Row(Sources, p);
            var xe = Row(EndA, p);
            for (var k = 0; k < 11; k++)
            {
                var t = path.T[k];
                var x = Enumerable.Range(0, 3).Select(f => (1 - t) * xs[f] + t * xe[f]).ToArray();
                Assert.Equal(Confidence(x, path.Classes[p]), path.Confidence[p, k], ExactTolerance);
            }
            Assert.Equal(
                Enumerable.Range(0, 11).Min(k => path.Confidence[p, k]),
                path.Minimum()[p]
            );
        }
    }

    [Fact]
    public void On_a_linear_model_the_path_from_a_source_to_its_traversal_end_point_keeps_the_source_confidence()
    {
        // Source and end point lie on the same level hyperplane, and so does the segment between them.
        using var model = TestModels.Linear(Weight, Bias);
        using var sources = tensor(Sources);
        using var targets = tensor(EndB);
        var options = new LevelSetOptions
        {
            Eta = 0.2,
            Delta = 0.01,
            Iterations = 10,
            DomainMin = -10,
            DomainMax = 10,
        };
        using var result = LevelSetTraversal.Run(model, sources, targets, options);
        var path = LevelSetProbes.AlongPath(
            model,
            sources,
            result.EndPoints,
            7,
            result.SourceClasses
        );
        for (var p = 0; p < 2; p++)
        for (var k = 0; k < 7; k++)
            Assert.Equal(result.ReferenceConfidence[p], path.Confidence[p, k], ExactTolerance);
    }

    [Fact]
    public void Offsets_orthogonal_to_the_weight_difference_leave_a_linear_model_confidence_unchanged()
    {
        // Direction w: every offset is orthogonal to w, so d(x) and the confidence do not move at any radius.
        using var model = TestModels.Linear(Weight, Bias);
        using var points = tensor(Sources);
        using var directions = tensor(
            new double[,]
            {
                { 1.0, -2.0, 0.5 },
                { -2.0, 4.0, -1.0 },
            }
        );
        var radii = new[] { 0.0, 0.5, 2.0, 8.0 };
        var extent = LevelSetProbes.Extent(model, points, directions, radii, samples: 64, seed: 1);

        Assert.Equal(new[] { 0.05, 0.5, 0.95 }, extent.Quantiles);
        for (var p = 0; p < 2; p++)
        {
            var centre = Confidence(Row(Sources, p), extent.Classes[p]);
            for (var r = 0; r < radii.Length; r++)
            for (var q = 0; q < 3; q++)
                Assert.Equal(centre, extent.Values[p, r, q], ExactTolerance);
        }
    }

    [Fact]
    public void Offsets_across_the_level_sets_spread_the_confidence_with_the_radius_and_are_seeded()
    {
        // Direction orthogonal to w: offsets have components along w, so the spread grows with the radius.
        using var model = TestModels.Linear(Weight, Bias);
        using var points = tensor(Sources);
        using var directions = tensor(
            new double[,]
            {
                { 2.0, 1.0, 0.0 },
                { 0.0, 0.5, 2.0 },
            }
        );
        var radii = new[] { 0.0, 0.25, 1.0 };
        var extent = LevelSetProbes.Extent(
            model,
            points,
            directions,
            radii,
            128,
            new[] { 0.1, 0.9 },
            seed: 3
        );
        var again = LevelSetProbes.Extent(
            model,
            points,
            directions,
            radii,
            128,
            new[] { 0.1, 0.9 },
            seed: 3
        );
        var other = LevelSetProbes.Extent(
            model,
            points,
            directions,
            radii,
            128,
            new[] { 0.1, 0.9 },
            seed: 4
        );

        Assert.Equal(extent.Values, again.Values);
        Assert.NotEqual(extent.Values, other.Values);
        for (var p = 0; p < 2; p++)
        {
            var centre = Confidence(Row(Sources, p), extent.Classes[p]);
            Assert.Equal(centre, extent.Values[p, 0, 0], ExactTolerance);
            Assert.Equal(centre, extent.Values[p, 0, 1], ExactTolerance);
            var spreadSmall = extent.Values[p, 1, 1] - extent.Values[p, 1, 0];
            var spreadLarge = extent.Values[p, 2, 1] - extent.Values[p, 2, 0];
            Assert.True(
                spreadSmall > 1e-3 && spreadLarge > spreadSmall,
                $"point {p}: {spreadSmall} then {spreadLarge}"
            );
        }
    }

    [Fact]
    public void Probe_inputs_are_checked_naming_the_input()
    {
        using var model = TestModels.Linear(Weight, Bias);
        using var sources = tensor(Sources);
        using var wrong = zeros(2, 4, dtype: ScalarType.Float64);
        Assert.StartsWith(
            "endPoints has shape [2, 4] but sources has [2, 3]",
            Assert
                .Throws<NeuroKitException>(() => LevelSetProbes.AlongPath(model, sources, wrong))
                .Message
        );
        Assert.StartsWith(
            "points must be at least 2",
            Assert
                .Throws<NeuroKitException>(() =>
                    LevelSetProbes.AlongPath(model, sources, sources, 1)
                )
                .Message
        );
        Assert.StartsWith(
            "endPointsB has shape [2, 4]",
            Assert
                .Throws<NeuroKitException>(() =>
                    LevelSetProbes.OverTriangle(model, sources, sources, wrong)
                )
                .Message
        );
        Assert.StartsWith(
            "n must be at least 1",
            Assert
                .Throws<NeuroKitException>(() =>
                    LevelSetProbes.OverTriangle(model, sources, sources, sources, 0)
                )
                .Message
        );
        Assert.StartsWith(
            "radii must be",
            Assert
                .Throws<NeuroKitException>(() =>
                    LevelSetProbes.Extent(model, sources, sources, new[] { 1.0, -1.0 })
                )
                .Message
        );
        Assert.StartsWith(
            "quantiles must be",
            Assert
                .Throws<NeuroKitException>(() =>
                    LevelSetProbes.Extent(
                        model,
                        sources,
                        sources,
                        new[] { 1.0 },
                        quantiles: new[] { 1.5 }
                    )
                )
                .Message
        );
        Assert.StartsWith(
            "classes has 1 entries for 2 samples",
            Assert
                .Throws<NeuroKitException>(() =>
                    LevelSetProbes.AlongPath(model, sources, sources, classes: new long[] { 0 })
                )
                .Message
        );
    }
}
