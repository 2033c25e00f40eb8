namespace NeuroKit.Analysis.LevelSets;

/// <summary>
/// Per-iteration record of a <see cref="LevelSetTraversal"/> run, for every source/target pair. Row 0 is the
/// start point; row k (1..Iterations) is the state after iteration k.
/// </summary>
public sealed class LevelSetHistory
{
    internal LevelSetHistory(double[,] confidence, double[,] distanceToTarget, bool[,] accepted)
    {
        Confidence = confidence;
        DistanceToTarget = distanceToTarget;
        Accepted = accepted;
        var iterations = accepted.GetLength(0);
        var pairs = accepted.GetLength(1);
        AcceptanceRate = new double[iterations];
        for (var k = 0; k < iterations; k++)
        {
            var count = 0;
            for (var j = 0; j < pairs; j++)
                count += accepted[k, j] ? 1 : 0;
            AcceptanceRate[k] = pairs == 0 ? 0 : (double)count / pairs;
        }
    }

    /// <summary>Source-class confidence p_c(x), shape [Iterations + 1, pairs].</summary>
    public double[,] Confidence { get; }

    /// <summary>Euclidean distance from x to its target, shape [Iterations + 1, pairs].</summary>
    public double[,] DistanceToTarget { get; }

    /// <summary>Whether iteration k's step was accepted for each pair, shape [Iterations, pairs]; row k is iteration k + 1.</summary>
    public bool[,] Accepted { get; }

    /// <summary>Fraction of pairs whose step was accepted, per iteration, length Iterations.</summary>
    public double[] AcceptanceRate { get; }
}
