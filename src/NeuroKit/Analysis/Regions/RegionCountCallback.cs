using System.Globalization;
using Microsoft.Data.Analysis;
using NeuroKit.Errors;
using NeuroKit.Models;
using NeuroKit.Training;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// A <see cref="Trainer"/> callback that counts the regions of the model being trained, exactly, on one domain and
/// under one or more named definitions, and writes each count into the training history: column
/// <c>{prefix}.{definition}</c>, e.g. <c>regions.linear-regions</c>. Because the counts live in the history, a run
/// served from the <see cref="RunCache"/> brings them back without counting again.
/// </summary>
/// <example>
/// <code>
/// var regions = new RegionCountCallback(new Box2D(-2, 2, -2, 2),
///     [RegionDefinition.ActivationRegions, RegionDefinition.LinearRegions]);
/// var run = Trainer.TrainCached(() =&gt; new Mlp([2, 16, 16, 2], seed: 1), moons,
///     new TrainingOptions { Steps = 600, EvaluateEvery = 20, Callbacks = [regions] });
/// var counts = regions.Counts(run); // step, regions.activation-regions, regions.linear-regions
/// </code>
/// </example>
/// <remarks>
/// The trainer calls callbacks at its history rows (<see cref="TrainingOptions.EvaluateEvery"/>, plus step 0 and the
/// last step). With <c>steps</c> given, only rows at those steps are counted; the other rows hold no value (null in
/// the history, NaN from <see cref="TrainingResult.Column"/>), so choose steps that are history rows. The network is
/// read from the model with <see cref="ReluNetwork.FromMlp"/> unless a converter is given. <see cref="Name"/> (part of
/// the run-cache key) spells out the domain, the definitions, the steps and the prefix.
/// </remarks>
public sealed class RegionCountCallback : ITrainingCallback
{
    private readonly RegionDefinition[] _definitions;
    private readonly HashSet<long>? _steps;
    private readonly Func<nn.Module<Tensor, Tensor>, ReluNetwork>? _toNetwork;

    /// <summary>Creates the callback.</summary>
    /// <param name="domain">Where to count: the same <see cref="Segment"/>, <see cref="Box2D"/> or <see cref="PlaneSlice"/> at every step, so counts are comparable.</param>
    /// <param name="definitions">The definitions to count under (at least one, no repeats); one enumeration serves all.</param>
    /// <param name="steps">Optimiser steps at which to count (0 = at initialisation); null counts at every history row.</param>
    /// <param name="toNetwork">
    /// Reads the <see cref="ReluNetwork"/> from the model; null uses <see cref="ReluNetwork.FromMlp"/>, which needs a
    /// ReLU <see cref="Mlp"/>. A custom converter is not visible to the run cache: give it a distinct
    /// <paramref name="prefix"/> when its computation changes.
    /// </param>
    /// <param name="prefix">Prefix of the history columns (default "regions").</param>
    /// <exception cref="NeuroKitException">No definition, a repeated or undefined definition, a negative step, or an empty prefix.</exception>
    public RegionCountCallback(
        RegionDomain domain,
        IReadOnlyList<RegionDefinition> definitions,
        IEnumerable<long>? steps = null,
        Func<nn.Module<Tensor, Tensor>, ReluNetwork>? toNetwork = null,
        string prefix = "regions"
    )
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(definitions);
        if (definitions.Count == 0)
            throw new NeuroKitException(
                "definitions is empty; name at least one RegionDefinition (ActivationRegions, LinearRegions, DistinctAffineFunctions)."
            );
        foreach (var d in definitions)
            RegionCounter.CheckDefinition(d);
        if (definitions.Distinct().Count() != definitions.Count)
            throw new NeuroKitException(
                $"definitions lists a definition twice ({string.Join(", ", definitions)}); list each once."
            );
        if (string.IsNullOrWhiteSpace(prefix))
            throw new NeuroKitException(
                "prefix is empty; give a column prefix such as \"regions\"."
            );
        if (steps is not null)
        {
            _steps = [.. steps];
            if (_steps.FirstOrDefault(s => s < 0) is < 0 and var bad)
                throw new NeuroKitException($"steps contains {bad}; steps are >= 0.");
        }
        Domain = domain;
        _definitions = definitions.ToArray();
        _toNetwork = toNetwork;
        Prefix = prefix;
        var stepText = _steps is null ? "every row" : string.Join(",", _steps.Order());
        Name = string.Create(
            CultureInfo.InvariantCulture,
            $"{prefix}[{domain}; {string.Join(",", _definitions.Select(RegionCountResult.DefinitionName))}; steps {stepText}; {(toNetwork is null ? "FromMlp" : "custom converter")}]"
        );
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The domain counted on.</summary>
    public RegionDomain Domain { get; }

    /// <summary>The definitions counted under, in column order.</summary>
    public IReadOnlyList<RegionDefinition> Definitions => _definitions;

    /// <summary>The prefix of the history columns.</summary>
    public string Prefix { get; }

    /// <summary>The steps counted at, or null for every history row.</summary>
    public IReadOnlyCollection<long>? Steps => _steps;

    /// <summary>The most recent full results (one per definition, in <see cref="Definitions"/> order) of this process, or null (e.g. when the run came from the cache).</summary>
    public IReadOnlyList<RegionCountResult>? Last { get; private set; }

    /// <summary>The history column holding counts under <paramref name="definition"/>, e.g. "regions.linear-regions".</summary>
    public string ColumnName(RegionDefinition definition)
    {
        RegionCounter.CheckDefinition(definition);
        return $"{Prefix}.{RegionCountResult.DefinitionName(definition)}";
    }

    /// <inheritdoc/>
    public void OnRecord(TrainingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_steps is not null && !_steps.Contains(record.Step))
            return;
        ReluNetwork network;
        using (no_grad())
            network = _toNetwork is null ? FromModel(record.Model) : _toNetwork(record.Model);
        var results = RegionCounter.CountEach(network, Domain, _definitions);
        for (var i = 0; i < _definitions.Length; i++)
            record.Record(ColumnName(_definitions[i]), results[i].Count);
        Last = results;
    }

    /// <summary>
    /// The counts of a finished run as a table: <c>step</c> and one column per definition, one row per counted step
    /// (rows where this callback did not count are left out). Works for runs served from the cache.
    /// </summary>
    /// <param name="run">A run trained with this callback (or one with the same <see cref="Prefix"/> and definitions).</param>
    /// <exception cref="NeuroKitException">The run's history has no column of this callback.</exception>
    public DataFrame Counts(TrainingResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var names = run.History.Columns.Select(c => c.Name).ToHashSet();
        foreach (var d in _definitions)
            if (!names.Contains(ColumnName(d)))
                throw new NeuroKitException(
                    $"run's history has no column '{ColumnName(d)}'; train with this callback in TrainingOptions.Callbacks (the history has: {string.Join(", ", names)})."
                );
        var steps = run.Column("step");
        var columns = _definitions.Select(d => run.Column(ColumnName(d))).ToArray();
        var rows = Enumerable
            .Range(0, steps.Length)
            .Where(r => columns.All(c => !double.IsNaN(c[r])))
            .ToArray();
        var frame = new List<DataFrameColumn>
        {
            new Int64DataFrameColumn("step", rows.Select(r => (long)steps[r])),
        };
        for (var i = 0; i < _definitions.Length; i++)
            frame.Add(
                new Int32DataFrameColumn(
                    ColumnName(_definitions[i]),
                    rows.Select(r => (int)columns[i][r])
                )
            );
        return new DataFrame(frame);
    }

    private static ReluNetwork FromModel(nn.Module<Tensor, Tensor> model) =>
        model is Mlp mlp
            ? ReluNetwork.FromMlp(mlp)
            : throw new NeuroKitException(
                $"the model is a {model.GetType().Name}; RegionCountCallback reads NeuroKit Mlp models by default. Pass toNetwork (e.g. m => ReluNetwork.FromLinearLayers(...)) for other ReLU models."
            );

    /// <summary>E.g. "RegionCountCallback regions[box [-2, 2] x [-2, 2]; linear-regions; steps every row; FromMlp]".</summary>
    public override string ToString() => $"RegionCountCallback {Name}";
}
