using NeuroKit.Claims;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// The layers of several models compared with one metric (see <see cref="CrossModel.AcrossModels"/>): every
/// model pair's layers x layers matrix, their mean, the within-model mean, and per layer the margin of the same
/// layer over its best rival, with the spread over model pairs.
/// </summary>
public sealed record CrossModelResult
{
    /// <summary>The metric's name, e.g. "svcca".</summary>
    public required string Metric { get; init; }

    /// <summary>Whether larger values mean more similar (similarity) or more different (distance).</summary>
    public required SimilarityKind Kind { get; init; }

    /// <summary>The compared layer names, in matrix order.</summary>
    public required IReadOnlyList<string> Layers { get; init; }

    /// <summary>Number of models.</summary>
    public required int Models { get; init; }

    /// <summary>Every compared model pair (rows: model A's layers).</summary>
    public required IReadOnlyList<ModelPairComparison> Pairs { get; init; }

    /// <summary>Mean over the model pairs of their layer matrices: entry [i, j] is layer i of one model against layer j of another.</summary>
    public required LayerMatrix Across { get; init; }

    /// <summary>Mean over the models of each model's own layer matrix (layer i against layer j of the same model); null when not computed.</summary>
    public LayerMatrix? Within { get; init; }

    /// <summary>Per layer: same layer across models against the best rival, with spreads over model pairs.</summary>
    public required IReadOnlyList<LayerMargin> Margins { get; init; }

    /// <summary>Kornblith et al.'s layer identification accuracy, one value per model pair (mean, min, max).</summary>
    public required Estimate IdentificationAccuracy { get; init; }

    /// <summary>Layers whose margin is above 0 in every model pair (identified beyond the pair spread).</summary>
    public int LayersIdentifiedInEveryPair => Margins.Count(m => m.Margin.Min > 0);

    /// <summary>The same layer across models (the diagonal), each with its spread over pairs.</summary>
    public IReadOnlyList<Estimate> SameLayer => Margins.Select(m => m.Same).ToArray();
}
