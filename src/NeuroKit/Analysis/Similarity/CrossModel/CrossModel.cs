using NeuroKit.Claims;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Compares the layers of several models (different seeds, widths or training data) with one metric:
/// <code>var across = CrossModel.AcrossModels(new LinearCka(), caches, ["layers.0.post", "layers.1.post"]);</code>
/// Each cache holds the activations (samples x neurons) of one model on the same probe samples, in the same
/// order, under the given layer names (an <c>ActivationCache</c> or a training snapshot's activations).
/// </summary>
/// <remarks>
/// Raghu et al. 2017 (SVCCA) and Kornblith et al. 2019 (CKA) compare every layer of one network with every layer
/// of another: if the networks learned the same representation layer by layer, layer i of one is most like layer
/// i of the other. This returns the per-pair layer matrices, their mean (the cross-model heatmap), the mean
/// within-model matrix, per layer the margin of the same layer over its best rival with its spread over model
/// pairs, and Kornblith et al.'s identification accuracy per pair (their Table 2 criterion: the most similar layer
/// of the other network is the corresponding one).
/// </remarks>
public static class CrossModel
{
    /// <summary>
    /// Compares every layer of every model pair. By default the pairs are all unordered pairs (a &lt; b); pass
    /// <paramref name="pairs"/> to compare, for example, every narrow model with every wide one.
    /// </summary>
    /// <param name="metric">The metric (similarity or distance; margins and identification follow its <see cref="ISimilarityMetric.Kind"/>).</param>
    /// <param name="caches">One activation cache per model, each with samples x neurons tensors over the same samples.</param>
    /// <param name="layerNames">The layers to compare, in order (at least one; each must be in every cache).</param>
    /// <param name="pairs">Model pairs (indices into <paramref name="caches"/>, A != B); null: all pairs a &lt; b.</param>
    /// <param name="within">Also compute each model's own layers x layers matrix (<see cref="CrossModelResult.Within"/>).</param>
    /// <exception cref="NeuroKitException">Fewer than two models, no layers, a layer missing from a cache, or a bad pair.</exception>
    public static CrossModelResult AcrossModels(
        ISimilarityMetric metric,
        IReadOnlyList<IReadOnlyDictionary<string, Tensor>> caches,
        IReadOnlyList<string> layerNames,
        IReadOnlyList<(int A, int B)>? pairs = null,
        bool within = true
    )
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(caches);
        ArgumentNullException.ThrowIfNull(layerNames);
        var m = caches.Count;
        if (m < 2)
            throw new NeuroKitException(
                $"caches holds {m} model(s); comparing across models needs at least two (train more seeds)."
            );
        if (layerNames.Count == 0)
            throw new NeuroKitException(
                "layerNames is empty; name at least one layer, e.g. \"layers.0.post\"."
            );
        for (var k = 0; k < m; k++)
        {
            if (caches[k] is null)
                throw new NeuroKitException(
                    $"caches[{k}] is null; pass one activation cache per model."
                );
            foreach (var name in layerNames)
                if (!caches[k].ContainsKey(name))
                    throw new NeuroKitException(
                        $"caches[{k}] has no layer '{name}'; it holds {string.Join(", ", caches[k].Keys)}. Capture that layer or fix the name."
                    );
        }
        var pairList =
            pairs?.ToList()
            ??
            [
                .. from a in Enumerable.Range(0, m)
                from b in Enumerable.Range(0, m)
                where a < b
                select (a, b),
            ];
        if (pairList.Count == 0)
            throw new NeuroKitException("pairs is empty; name at least one model pair (A, B).");
        foreach (var (a, b) in pairList)
            if (a < 0 || b < 0 || a >= m || b >= m || a == b)
                throw new NeuroKitException(
                    $"pair ({a}, {b}) is not a pair of two different models among the {m} caches (indices 0..{m - 1})."
                );

        var layers = layerNames.ToArray();
        var l = layers.Length;
        var sign = metric.Kind == SimilarityKind.Similarity ? 1.0 : -1.0;

        var comparisons = new List<ModelPairComparison>();
        foreach (var (a, b) in pairList)
        {
            var values = Compare(metric, caches[a], caches[b], layers);
            comparisons.Add(
                new ModelPairComparison(
                    a,
                    b,
                    new LayerMatrix(layers, values),
                    Identification(values, sign)
                )
            );
        }

        var across = Mean(comparisons.Select(c => c.Values), l);
        LayerMatrix? withinMatrix = null;
        if (within)
        {
            var models = pairList.SelectMany(p => new[] { p.A, p.B }).Distinct().Order().ToList();
            withinMatrix = new LayerMatrix(
                layers,
                Mean(
                    models.Select(k => new LayerMatrix(
                        layers,
                        Compare(metric, caches[k], caches[k], layers)
                    )),
                    l
                )
            );
        }

        var margins = new List<LayerMargin>();
        for (var i = 0; i < l; i++)
        {
            var same = new List<double>();
            var rival = new List<double>();
            var margin = new List<double>();
            var rivalNames = new List<int>();
            foreach (var c in comparisons)
            {
                var (value, index) = BestRival(c.Values, i, sign);
                same.Add(c.Values[i, i]);
                rival.Add(value);
                margin.Add(sign * (c.Values[i, i] - value));
                rivalNames.Add(index);
            }
            var mostFrequent =
                l == 1
                    ? "(none)"
                    : layers[
                        rivalNames
                            .GroupBy(x => x)
                            .OrderByDescending(g => g.Count())
                            .ThenBy(g => g.Key)
                            .First()
                            .Key
                    ];
            margins.Add(
                new LayerMargin(
                    layers[i],
                    Estimate.Of(same, $"same-layer values of {layers[i]}"),
                    l == 1 ? Estimate.Of(same) : Estimate.Of(rival, $"rival values of {layers[i]}"),
                    l == 1 ? Estimate.Single(0) : Estimate.Of(margin, $"margins of {layers[i]}"),
                    mostFrequent
                )
            );
        }

        return new CrossModelResult
        {
            Metric = metric.Name,
            Kind = metric.Kind,
            Layers = layers,
            Models = m,
            Pairs = comparisons,
            Across = new LayerMatrix(layers, across),
            Within = withinMatrix,
            Margins = margins,
            IdentificationAccuracy = Estimate.Of(
                comparisons.Select(c => c.IdentificationAccuracy),
                "identification accuracies"
            ),
        };
    }

    private static double[,] Compare(
        ISimilarityMetric metric,
        IReadOnlyDictionary<string, Tensor> x,
        IReadOnlyDictionary<string, Tensor> y,
        string[] layers
    )
    {
        var l = layers.Length;
        var values = new double[l, l];
        for (var i = 0; i < l; i++)
        for (var j = 0; j < l; j++)
            values[i, j] = metric.Compare(x[layers[i]], y[layers[j]]).Value;
        return values;
    }

    private static double[,] Mean(IEnumerable<LayerMatrix> matrices, int l)
    {
        var sum = new double[l, l];
        var count = 0;
        foreach (var matrix in matrices)
        {
            count++;
            for (var i = 0; i < l; i++)
            for (var j = 0; j < l; j++)
                sum[i, j] += matrix[i, j];
        }
        for (var i = 0; i < l; i++)
        for (var j = 0; j < l; j++)
            sum[i, j] /= count;
        return sum;
    }

    // The best value of layer i against any other layer, in either model (row i or column i), with that layer.
    private static (double Value, int Layer) BestRival(LayerMatrix values, int i, double sign)
    {
        var best = double.NegativeInfinity;
        var bestValue = double.NaN;
        var bestLayer = -1;
        for (var j = 0; j < values.Count; j++)
        {
            if (j == i)
                continue;
            foreach (var v in new[] { values[i, j], values[j, i] })
                if (sign * v > best)
                {
                    best = sign * v;
                    bestValue = v;
                    bestLayer = j;
                }
        }
        return (bestValue, bestLayer);
    }

    // Share of the 2L look-ups (rows: each layer of A in B; columns: each layer of B in A) whose best match is the
    // same layer. A tie with another layer counts as a miss: the layer is not singled out.
    private static double Identification(double[,] values, double sign)
    {
        var l = values.GetLength(0);
        var hits = 0;
        for (var i = 0; i < l; i++)
        {
            bool rowHit = true,
                columnHit = true;
            for (var j = 0; j < l; j++)
            {
                if (j == i)
                    continue;
                if (sign * values[i, j] >= sign * values[i, i])
                    rowHit = false;
                if (sign * values[j, i] >= sign * values[i, i])
                    columnHit = false;
            }
            hits += (rowHit ? 1 : 0) + (columnHit ? 1 : 0);
        }
        return hits / (2.0 * l);
    }
}
