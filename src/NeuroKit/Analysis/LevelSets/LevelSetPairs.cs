using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.LevelSets;

/// <summary>
/// Source/target pairs for <see cref="LevelSetTraversal"/> drawn from a labelled image set: K sources, each with
/// two targets of other classes (different from each other), so that pair k and pair K + k share source k and the
/// two end points of a source span a triangle (<see cref="LevelSetProbes.OverTriangle"/>). Indices refer to rows of
/// the image set; every list has 2K entries, in pair order.
/// </summary>
/// <remarks>
/// The protocol of Balasubramanian et al., "Exploring Geometry of Blind Spots in Vision Models", NeurIPS 2023
/// (arXiv:2310.19889), Section 4: sources and targets are correctly classified images of different classes. Here the
/// images are taken in a seeded random order; a source's two targets are the next unused images whose classes differ
/// from the source's and from each other. With several models, only images every model classifies correctly are
/// used, so the models are compared on the same pairs.
/// </remarks>
/// <param name="SourceIndices">Row of each pair's source (pairs k and K + k share one), length 2K.</param>
/// <param name="TargetIndices">Row of each pair's target, length 2K; no row is used twice as a target or as both.</param>
/// <param name="SourceLabels">Label (the source class c) of each pair's source, length 2K.</param>
/// <param name="TargetLabels">Label of each pair's target, length 2K; differs from the source's, and targets k and K + k differ.</param>
public sealed record LevelSetPairs(
    IReadOnlyList<long> SourceIndices,
    IReadOnlyList<long> TargetIndices,
    IReadOnlyList<long> SourceLabels,
    IReadOnlyList<long> TargetLabels
)
{
    /// <summary>Number of sources K (pairs / 2).</summary>
    public int Sources => SourceIndices.Count / 2;

    /// <summary>Number of pairs, 2K.</summary>
    public int Pairs => SourceIndices.Count;

    /// <summary>The source classes as an array, for the <c>classes</c> arguments of the traversal and probes.</summary>
    public long[] SourceClasses => SourceLabels.ToArray();

    /// <summary>
    /// Draws <paramref name="sources"/> sources with two targets each from <paramref name="images"/>, among the
    /// images that every model in <paramref name="models"/> classifies as their label.
    /// </summary>
    /// <param name="models">Classifiers returning logits [samples, classes]; at least one.</param>
    /// <param name="images">Candidate images, batch first: [samples, ...input shape].</param>
    /// <param name="labels">Label of each image, length samples.</param>
    /// <param name="sources">Number of sources K, at least 1.</param>
    /// <param name="seed">Seed of the random order.</param>
    /// <exception cref="NeuroKitException">Too few correctly classified images of enough classes, or mismatched inputs.</exception>
    public static LevelSetPairs Select(
        IReadOnlyList<nn.Module<Tensor, Tensor>> models,
        Tensor images,
        IReadOnlyList<long> labels,
        int sources,
        int seed
    )
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(labels);
        if (models.Count == 0)
            throw new NeuroKitException(
                "models is empty; give at least one classifier to select pairs for."
            );
        Classifier.CheckInput(images, nameof(images));
        if (labels.Count != images.shape[0])
            throw new NeuroKitException(
                $"labels has {labels.Count} entries for {images.shape[0]} images; give one label per image."
            );
        if (sources < 1)
            throw new NeuroKitException($"sources is {sources}; give at least 1.");

        var correct = Enumerable.Repeat(true, labels.Count).ToArray();
        foreach (var model in models)
        {
            ArgumentNullException.ThrowIfNull(model, nameof(models));
            var predicted = LevelSetProbes.Predict(model, images);
            for (var i = 0; i < correct.Length; i++)
                correct[i] &= predicted[i] == labels[i];
        }
        var order = Enumerable.Range(0, labels.Count).Where(i => correct[i]).ToArray();
        new Random(seed).Shuffle(order);
        var chosen = order.Take(sources).ToList();
        if (chosen.Count < sources)
            throw new NeuroKitException(
                $"only {chosen.Count} of {labels.Count} images are classified correctly by every model; {sources} sources need more (lower sources, or pass more images)."
            );
        var used = new HashSet<int>(chosen);
        int NextTarget(Func<int, bool> allowed, int source)
        {
            foreach (var j in order)
                if (!used.Contains(j) && allowed(j))
                {
                    used.Add(j);
                    return j;
                }
            throw new NeuroKitException(
                $"no unused correctly classified image is left as a target for source {source} (class {labels[source]}); lower sources, or pass more images of at least three classes."
            );
        }
        var targetsA = new List<int>();
        var targetsB = new List<int>();
        foreach (var i in chosen)
        {
            var a = NextTarget(j => labels[j] != labels[i], i);
            targetsA.Add(a);
            targetsB.Add(NextTarget(j => labels[j] != labels[i] && labels[j] != labels[a], i));
        }
        var sourceIndex = chosen.Concat(chosen).Select(i => (long)i).ToArray();
        var targetIndex = targetsA.Concat(targetsB).Select(i => (long)i).ToArray();
        return new LevelSetPairs(
            sourceIndex,
            targetIndex,
            sourceIndex.Select(i => labels[(int)i]).ToArray(),
            targetIndex.Select(i => labels[(int)i]).ToArray()
        );
    }

    /// <summary>The source image of every pair, [2K, ...input shape] (a new tensor; dispose it or use a scope).</summary>
    public Tensor SourceImages(Tensor images) => Gather(images, SourceIndices, nameof(images));

    /// <summary>The target image of every pair, [2K, ...input shape].</summary>
    public Tensor TargetImages(Tensor images) => Gather(images, TargetIndices, nameof(images));

    private static Tensor Gather(Tensor images, IReadOnlyList<long> rows, string name)
    {
        Classifier.CheckInput(images, name);
        var n = images.shape[0];
        if (rows.Any(r => r >= n))
            throw new NeuroKitException(
                $"{name} has {n} rows but the pairs use row {rows.Max()}; pass the image set the pairs were selected from."
            );
        using var index = tensor(rows.ToArray(), ScalarType.Int64, images.device);
        return images.index_select(0, index);
    }
}
