using NeuroKit.Claims;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// How well one layer is singled out across models: its similarity to the same layer in the other model against
/// its best rival (any other layer, in either model), each with its spread over the model pairs.
/// </summary>
/// <param name="Layer">The layer's name.</param>
/// <param name="Same">The layer against the same layer of the other model, over model pairs.</param>
/// <param name="BestRival">Per pair, the best value of the layer against any other layer (row or column), over model pairs.</param>
/// <param name="Margin">Per pair, same minus best rival (for distances: best rival minus same), over model pairs; above 0 when the layer is identified.</param>
/// <param name="RivalLayer">The most frequent best rival over the pairs.</param>
public sealed record LayerMargin(
    string Layer,
    Estimate Same,
    Estimate BestRival,
    Estimate Margin,
    string RivalLayer
);
