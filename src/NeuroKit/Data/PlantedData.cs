using static TorchSharp.torch;

namespace NeuroKit.Data;

/// <summary>
/// A dataset with its planted structure: the directions that carry the signal (rows, directions x features), so
/// that analyses can measure how well a network found them. Made by <see cref="PlantedStructure"/>.
/// </summary>
/// <param name="Data">The samples (samples x features) and labels.</param>
/// <param name="Directions">The signal directions, directions x features, unit rows (e.g. the cluster means' axes).</param>
public sealed record PlantedData(Dataset Data, Tensor Directions) : IDisposable
{
    /// <summary>Frees the dataset and the directions.</summary>
    public void Dispose()
    {
        Data.Dispose();
        Directions.Dispose();
    }
}
