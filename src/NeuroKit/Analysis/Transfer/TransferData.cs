using NeuroKit.Data;
using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.Transfer;

/// <summary>
/// The data splits of the transfer and memorisation experiments: two disjoint class halves (Yosinski et al. 2014),
/// shuffled labels (Zhang et al. 2017; Morcos et al. 2018's memorising nets), and two disjoint sample halves.
/// </summary>
public static class TransferData
{
    /// <summary>
    /// The samples whose label is in <paramref name="classes"/>, relabelled 0..k-1 in the order given (task A of
    /// Yosinski et al.'s A/B split). The features are copied.
    /// </summary>
    /// <exception cref="NeuroKitException">Regression data, an empty or repeated class list, or no sample of those classes.</exception>
    public static Dataset ClassSubset(Dataset data, IReadOnlyList<int> classes, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(classes);
        if (!data.IsClassification)
            throw new NeuroKitException(
                $"{data.Name} holds float targets; class subsets need int64 labels."
            );
        if (classes.Count == 0 || classes.Distinct().Count() != classes.Count)
            throw new NeuroKitException(
                "classes must be a non-empty list of distinct labels, e.g. [0, 1, 2, 3, 4]."
            );
        var map = classes.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => (long)t.i);
        var labels = data.LabelsArray();
        var keep = Enumerable
            .Range(0, labels.Length)
            .Where(i => map.ContainsKey((int)labels[i]))
            .Select(i => (long)i)
            .ToArray();
        if (keep.Length == 0)
            throw new NeuroKitException(
                $"{data.Name} has no sample with a label in [{string.Join(", ", classes)}]."
            );
        using var scope = NewDisposeScope();
        using var idx = tensor(keep, ScalarType.Int64);
        var features = data.Features.index_select(0, idx).DetachFromDisposeScope();
        var relabelled = tensor(keep.Select(i => map[(int)labels[i]]).ToArray(), ScalarType.Int64)
            .DetachFromDisposeScope();
        return new Dataset(
            features,
            relabelled,
            name ?? $"{data.Name} classes {string.Join(",", classes)}",
            classes.Count
        );
    }

    /// <summary>The same features with the labels permuted by a seeded shuffle (a net can only memorise them).</summary>
    public static Dataset ShuffledLabels(Dataset data, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.IsClassification)
            throw new NeuroKitException(
                $"{data.Name} holds float targets; shuffled labels need int64 labels."
            );
        var labels = data.LabelsArray();
        var order = Enumerable.Range(0, labels.Length).ToArray();
        new Random(seed).Shuffle(order);
        var shuffled = order.Select(i => labels[i]).ToArray();
        return new Dataset(
            data.Features.clone(),
            tensor(shuffled, ScalarType.Int64),
            $"{data.Name} shuffled labels (seed {seed})",
            data.ClassCount
        );
    }

    /// <summary>Two disjoint halves of the samples (a seeded permutation; the first half has the extra sample when odd).</summary>
    public static (Dataset First, Dataset Second) DisjointHalves(Dataset data, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count < 2)
            throw new NeuroKitException(
                $"{data.Name} has {data.Count} sample(s); halves need at least two."
            );
        var order = Enumerable.Range(0, (int)data.Count).Select(i => (long)i).ToArray();
        new Random(seed).Shuffle(order);
        var half = (order.Length + 1) / 2;
        return (data.Subset(order[..half], "half 1"), data.Subset(order[half..], "half 2"));
    }
}
