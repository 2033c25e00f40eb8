namespace NeuroKit.Analysis.Similarity;

/// <summary>One pair of models compared layer by layer.</summary>
/// <param name="A">Index of the row model in the caches given to <see cref="CrossModel.AcrossModels"/>.</param>
/// <param name="B">Index of the column model.</param>
/// <param name="Values">Layer i of model A (rows) against layer j of model B (columns).</param>
/// <param name="IdentificationAccuracy">
/// Kornblith et al. 2019's layer identification for this pair: the share of the 2L look-ups (each layer of A
/// finding its most similar layer of B, and each layer of B in A) that land on the same layer.
/// </param>
public sealed record ModelPairComparison(
    int A,
    int B,
    LayerMatrix Values,
    double IdentificationAccuracy
);
