using NeuroKit.Notebooks;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.LevelSets;

/// <summary>
/// The outcome of a <see cref="LevelSetTraversal"/> run over a batch of source/target pairs. Owns
/// <see cref="EndPoints"/> (detached, outside any dispose scope): dispose the result when done.
/// </summary>
// Rendered as HTML in notebook kernels by convention (no kernel reference); see NeuroKitFormatterSource.
[TypeFormatterSource(typeof(NeuroKitFormatterSource))]
public sealed class LevelSetResult : IDisposable
{
    internal LevelSetResult(
        Tensor endPoints,
        long[] sourceClasses,
        double[] referenceConfidence,
        double[] finalConfidence,
        double[] distanceToSource,
        double[] distanceToTarget,
        double[] sourceToTarget,
        LevelSetHistory history,
        LevelSetOptions options
    )
    {
        EndPoints = endPoints;
        SourceClasses = sourceClasses;
        ReferenceConfidence = referenceConfidence;
        FinalConfidence = finalConfidence;
        DistanceToSource = distanceToSource;
        DistanceToTarget = distanceToTarget;
        SourceToTarget = sourceToTarget;
        History = history;
        Options = options;
    }

    /// <summary>The end points x_K, same shape as the sources: [pairs, ...input shape], batch first.</summary>
    public Tensor EndPoints { get; }

    /// <summary>Source class c per pair (the model's prediction at the source unless given), length pairs.</summary>
    public long[] SourceClasses { get; }

    /// <summary>Reference confidence p_ref = p_c(x_s) per pair, length pairs.</summary>
    public double[] ReferenceConfidence { get; }

    /// <summary>Confidence p_c at the end point per pair, length pairs.</summary>
    public double[] FinalConfidence { get; }

    /// <summary>Euclidean distance from each end point to its source, length pairs.</summary>
    public double[] DistanceToSource { get; }

    /// <summary>Euclidean distance from each end point to its target, length pairs.</summary>
    public double[] DistanceToTarget { get; }

    /// <summary>Euclidean distance from each source to its target (the starting gap), length pairs.</summary>
    public double[] SourceToTarget { get; }

    /// <summary>
    /// Residual distance to the target relative to the starting gap, |x_e - x_t| / |x_s - x_t| per pair: 1 at the
    /// source, 0 at the target (0 where source and target coincide).
    /// </summary>
    public double[] RelativeDistanceToTarget =>
        DistanceToTarget
            .Select((d, i) => SourceToTarget[i] > 0 ? d / SourceToTarget[i] : 0)
            .ToArray();

    /// <summary>Per-iteration confidence, distance to target and acceptance.</summary>
    public LevelSetHistory History { get; }

    /// <summary>The options the run used.</summary>
    public LevelSetOptions Options { get; }

    /// <summary>Number of source/target pairs.</summary>
    public int Pairs => SourceClasses.Length;

    /// <summary>Releases <see cref="EndPoints"/>.</summary>
    public void Dispose() => EndPoints.Dispose();

    /// <summary>A one-line summary: pairs, iterations, mean confidences and distances.</summary>
    public override string ToString() =>
        $"LevelSetResult: {Pairs} pairs, {Options.Iterations} iterations (eta {Options.Eta}, delta {Options.Delta}, epsilon {Options.Epsilon}); "
        + $"mean p_ref {Mean(ReferenceConfidence):F3}, mean final confidence {Mean(FinalConfidence):F3}, "
        + $"mean distance to target {Mean(DistanceToTarget):G4} (from {Mean(SourceToTarget):G4} at the source)";

    private static double Mean(double[] values) =>
        values.Length == 0 ? double.NaN : values.Average();
}
