using NeuroKit.Errors;

namespace NeuroKit.Analysis.Regions;

/// <summary>Limits and progress reporting for <see cref="RegionCounter.CountEach(ReluNetwork, RegionDomain, RegionCountOptions, RegionDefinition[])"/>.</summary>
/// <param name="MaxPieces">
/// Stop with a <see cref="NeuroKitException"/> once the enumeration holds more activation pieces than this (counts
/// grow like width^(slice dimension x depth): a 2-2000-1 net has about two million); null for no limit.
/// </param>
/// <param name="Progress">Receives the enumeration's progress about once per layer and every 65,536 pieces; null for none.</param>
public sealed record RegionCountOptions(
    int? MaxPieces = null,
    IProgress<RegionCountProgress>? Progress = null
)
{
    /// <summary>No limit, no progress.</summary>
    public static RegionCountOptions Default { get; } = new();

    /// <summary>Throws a <see cref="NeuroKitException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (MaxPieces is < 1)
            throw new NeuroKitException(
                $"MaxPieces is {MaxPieces}; give at least 1, or null for no limit."
            );
    }
}
