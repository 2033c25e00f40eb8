using NeuroKit.Analysis.Similarity;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.Similarity.CrossModel;

/// <summary>
/// CrossModel.AcrossModels on closed-form cases: identical models (every same-layer similarity exactly 1,
/// identification 1), a model whose layers are a known permutation of another's (identification 0, the rival is
/// the permuted layer), a distance metric (margins flip sign), spread over pairs, and input checks.
/// </summary>
public class CrossModelTests
{
    private const double Rounding = 1e-9;

    // Three independent Gaussian layers (samples x neurons): CKA between different layers is well below 1.
    private static Tensor[] Layers(int seed, int n = 200)
    {
        var g = new TorchSharp.torch.Generator((ulong)seed);
        return
        [
            randn(n, 6, generator: g, dtype: ScalarType.Float64),
            randn(n, 5, generator: g, dtype: ScalarType.Float64),
            randn(n, 4, generator: g, dtype: ScalarType.Float64),
        ];
    }

    private static readonly string[] Names = ["l0", "l1", "l2"];

    private static Dictionary<string, Tensor> Cache(Tensor[] layers, int[]? order = null) =>
        Names
            .Select((name, i) => (name, t: layers[order?[i] ?? i]))
            .ToDictionary(p => p.name, p => p.t);

    [Fact]
    public void Identical_models_have_similarity_one_on_the_diagonal_and_identify_every_layer()
    {
        var layers = Layers(1);
        var result = NeuroKit.Analysis.Similarity.CrossModel.AcrossModels(
            new LinearCka(),
            [Cache(layers), Cache(layers), Cache(layers)],
            Names
        );
        Assert.Equal(3, result.Pairs.Count); // unordered pairs of 3 models
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, result.Across[i, i], Rounding);
            Assert.Equal(1, result.Margins[i].Same.Min, Rounding);
            Assert.True(result.Margins[i].Margin.Min > 0.2, $"margin {result.Margins[i].Margin}");
            Assert.Equal(0, result.Margins[i].Margin.Spread, Rounding); // the pairs are the same pair
        }
        Assert.Equal(1, result.IdentificationAccuracy.Min);
        Assert.Equal(3, result.LayersIdentifiedInEveryPair);
        // Within one model the same matrix appears.
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 3; j++)
            Assert.Equal(result.Across[i, j], result.Within![i, j], Rounding);
        // Off-diagonal entries are the CKA of different layers, the same in both orientations.
        var cka = new LinearCka();
        Assert.Equal(cka.Compare(layers[0], layers[1]).Value, result.Across[0, 1], Rounding);
        Assert.Equal(result.Across[0, 1], result.Across[1, 0], Rounding);
    }

    [Fact]
    public void Permuted_layers_are_not_identified_and_the_rival_is_the_permuted_layer()
    {
        var layers = Layers(2);
        // Model b's "l0" is model a's l1, "l1" is l2, "l2" is l0.
        int[] order = [1, 2, 0];
        var result = NeuroKit.Analysis.Similarity.CrossModel.AcrossModels(
            new LinearCka(),
            [Cache(layers), Cache(layers, order)],
            Names,
            within: false
        );
        Assert.Null(result.Within);
        var pair = result.Pairs.Single();
        // Entry [i, j] = CKA(a's layer i, a's layer order[j]): 1 exactly where order[j] == i.
        for (var i = 0; i < 3; i++)
            Assert.Equal(1, pair.Values[i, Array.IndexOf(order, i)], Rounding);
        Assert.Equal(0, pair.IdentificationAccuracy);
        Assert.All(result.Margins, m => Assert.True(m.Margin.Max < 0, $"{m.Layer}: {m.Margin}"));
        // a's l0 is b's "l2" (row rival), and b's "l0" is a's l1 (column rival): both score exactly 1.
        Assert.Contains(result.Margins[0].RivalLayer, new[] { "l1", "l2" });
        Assert.Equal(1, result.Margins[0].BestRival.Max, Rounding);
    }

    [Fact]
    public void A_distance_metric_flips_the_sign_of_margins_and_identification()
    {
        var layers = Layers(3).Select(t => t.narrow(1, 0, 4)).ToArray(); // Procrustes needs equal widths
        var result = NeuroKit.Analysis.Similarity.CrossModel.AcrossModels(
            new Procrustes(),
            [Cache(layers), Cache(layers)],
            Names
        );
        Assert.Equal(SimilarityKind.Distance, result.Kind);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, result.Across[i, i], 1e-6);
            Assert.True(result.Margins[i].Margin.Min > 0);
        }
        Assert.Equal(1, result.IdentificationAccuracy.Mean);
    }

    [Fact]
    public void Margins_carry_their_spread_over_model_pairs()
    {
        var clean = Layers(4);
        var noisy = clean
            .Select(
                (t, i) =>
                    t
                    + randn(
                        t.shape,
                        dtype: ScalarType.Float64,
                        generator: new TorchSharp.torch.Generator((ulong)(10 + i))
                    ) * 2
            )
            .ToArray();
        var result = NeuroKit.Analysis.Similarity.CrossModel.AcrossModels(
            new LinearCka(),
            [Cache(clean), Cache(clean), Cache(noisy)],
            Names
        );
        foreach (var m in result.Margins)
        {
            Assert.Equal(3, m.Same.Count);
            Assert.Equal(1, m.Same.Max, Rounding); // the clean-clean pair
            Assert.True(
                m.Same.Min < 0.5,
                $"{m.Layer}: noisy pairs should be far below 1, got {m.Same}"
            );
            Assert.True(m.Margin.Spread > 0);
        }
    }

    [Fact]
    public void Explicit_pairs_compare_only_those_models()
    {
        var a = Layers(5);
        var b = Layers(6);
        var result = NeuroKit.Analysis.Similarity.CrossModel.AcrossModels(
            new LinearCka(),
            [Cache(a), Cache(a), Cache(b)],
            Names,
            pairs: [(0, 1)]
        );
        Assert.Single(result.Pairs);
        Assert.Equal(1, result.Across[2, 2], Rounding);
    }

    [Fact]
    public void Bad_input_is_a_user_error_naming_the_fix()
    {
        var layers = Layers(7);
        var metric = new LinearCka();
        Assert.Throws<NeuroKitException>(() =>
            NeuroKit.Analysis.Similarity.CrossModel.AcrossModels(metric, [Cache(layers)], Names)
        );
        Assert.Throws<NeuroKitException>(() =>
            NeuroKit.Analysis.Similarity.CrossModel.AcrossModels(
                metric,
                [Cache(layers), Cache(layers)],
                []
            )
        );
        var missing = Assert.Throws<NeuroKitException>(() =>
            NeuroKit.Analysis.Similarity.CrossModel.AcrossModels(
                metric,
                [Cache(layers), Cache(layers)],
                ["l0", "nope"]
            )
        );
        Assert.Contains("nope", missing.Message);
        Assert.Throws<NeuroKitException>(() =>
            NeuroKit.Analysis.Similarity.CrossModel.AcrossModels(
                metric,
                [Cache(layers), Cache(layers)],
                Names,
                pairs: [(0, 0)]
            )
        );
        Assert.Throws<NeuroKitException>(() =>
            NeuroKit.Analysis.Similarity.CrossModel.AcrossModels(
                metric,
                [Cache(layers), Cache(layers)],
                Names,
                pairs: [(0, 2)]
            )
        );
    }
}
