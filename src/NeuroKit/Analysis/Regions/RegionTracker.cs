using NeuroKit.Errors;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// Counts regions during training: a callback usable from any training loop. Call <see cref="Record(int)"/> at the
/// steps you choose (it takes a snapshot of the network from the provider given at construction), or
/// <see cref="Record(int, ReluNetwork)"/> with a network you built yourself; <see cref="History"/> keeps
/// (step, count) in call order.
/// </summary>
/// <example>
/// <code>
/// var tracker = new RegionTracker(new Box2D(-2, 2, -2, 2), RegionDefinition.LinearRegions,
///     () =&gt; ReluNetwork.FromLinearLayers(model.LinearLayers));
/// for (var step = 0; step &lt; steps; step++) { TrainStep(); if (step % 50 == 0) tracker.Record(step); }
/// </code>
/// </example>
public sealed class RegionTracker
{
    private readonly Func<ReluNetwork>? _snapshot;
    private readonly List<(int Step, int Count)> _history = [];

    /// <summary>Creates a tracker for one domain and one named definition.</summary>
    /// <param name="domain">Where to count (the same for every step, so counts are comparable).</param>
    /// <param name="definition">Which regions to count; there is no default.</param>
    /// <param name="snapshot">Returns the network as it is now (e.g. <see cref="ReluNetwork.FromLinearLayers"/> over the model's layers); needed by <see cref="Record(int)"/>.</param>
    public RegionTracker(
        RegionDomain domain,
        RegionDefinition definition,
        Func<ReluNetwork>? snapshot = null
    )
    {
        ArgumentNullException.ThrowIfNull(domain);
        RegionCounter.CheckDefinition(definition);
        Domain = domain;
        Definition = definition;
        _snapshot = snapshot;
    }

    /// <summary>The domain counted on.</summary>
    public RegionDomain Domain { get; }

    /// <summary>The definition counted under.</summary>
    public RegionDefinition Definition { get; }

    /// <summary>Every recorded (step, count), in call order.</summary>
    public IReadOnlyList<(int Step, int Count)> History => _history;

    /// <summary>The most recent full result (pieces, patterns, maps), or null before the first record.</summary>
    public RegionCountResult? Last { get; private set; }

    /// <summary>Counts the network from the snapshot provider at <paramref name="step"/>.</summary>
    public RegionCountResult Record(int step)
    {
        if (_snapshot is null)
            throw new NeuroKitException(
                "this RegionTracker has no snapshot provider; pass one to the constructor or call Record(step, network)."
            );
        return Record(step, _snapshot());
    }

    /// <summary>Counts <paramref name="network"/> at <paramref name="step"/> and appends (step, count) to <see cref="History"/>.</summary>
    public RegionCountResult Record(int step, ReluNetwork network)
    {
        var result = RegionCounter.Count(network, Domain, Definition);
        _history.Add((step, result.Count));
        Last = result;
        return result;
    }

    /// <summary>E.g. "RegionTracker: linear-regions on box [...], 12 records, last 340 at step 1100".</summary>
    public override string ToString() =>
        $"RegionTracker: {RegionCountResult.DefinitionName(Definition)} on {Domain}, {_history.Count} records"
        + (_history.Count > 0 ? $", last {_history[^1].Count} at step {_history[^1].Step}" : "");
}
