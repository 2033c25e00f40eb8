using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.LevelSets;

/// <summary>
/// Probes of the geometry around level-set traversals: confidence along the straight path from a source to
/// its end point, over the triangle spanned by a source and two end points, and the extent of the
/// high-confidence region orthogonal to a path. All inputs are batch first ([samples, ...input shape]);
/// confidences are softmax probabilities of one class per sample, evaluated without gradients with every
/// submodule in evaluation mode.
/// </summary>
/// <remarks>
/// Balasubramanian, Sriramanan, Sadasivan and Feizi, "Exploring Geometry of Blind Spots in Vision Models",
/// NeurIPS 2023 (arXiv:2310.19889): Section 4 (linear interpolant paths from the source to the end points
/// stay high-confidence: a star-like level set), Section 4.2 (confidence over the triangular convex hull of
/// a source and two end points) and the path "width" measure of the reference code
/// (<c>measure_width</c>: random unit offsets orthogonal to the path direction at several radii, summarised
/// by quantiles).
/// </remarks>
public static class LevelSetProbes
{
    /// <summary>
    /// Confidence at <paramref name="points"/> evenly spaced points of the straight path
    /// x(t) = (1 - t) x_s + t x_e, t = 0 .. 1, for every pair.
    /// </summary>
    /// <param name="model">Classifier returning logits [samples, classes].</param>
    /// <param name="sources">Path starts x_s, [pairs, ...input shape].</param>
    /// <param name="endPoints">Path ends x_e (e.g. <see cref="LevelSetResult.EndPoints"/>), the same shape.</param>
    /// <param name="points">Points per path, at least 2 (both ends included). Default 21.</param>
    /// <param name="classes">Class per pair (e.g. <see cref="LevelSetResult.SourceClasses"/>); null uses the
    /// model's prediction at each source.</param>
    /// <returns>Positions t and confidences [pairs, points]. The ends are evaluated at x_s and x_e exactly.</returns>
    public static PathConfidence AlongPath(
        nn.Module<Tensor, Tensor> model,
        Tensor sources,
        Tensor endPoints,
        int points = 21,
        long[]? classes = null
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        Classifier.CheckInput(sources, nameof(sources));
        Classifier.CheckModelDtype(model, sources, nameof(sources));
        ArgumentNullException.ThrowIfNull(endPoints);
        Classifier.CheckSameShape(sources, nameof(sources), endPoints, nameof(endPoints));
        Classifier.CheckInput(endPoints, nameof(endPoints));
        if (points < 2)
            throw new NeuroKitException(
                $"points must be at least 2 (both ends of the path); got {points}."
            );

        using var modes = new EvalModeScope(model);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (xs, pairs, features) = Flatten(sources);
        var xe = endPoints.detach().to(xs.dtype, xs.device).reshape(pairs, features);
        var classTensor = Classifier.Classes(
            Classifier.Logits(model, sources),
            classes,
            nameof(classes)
        );

        var t = Enumerable.Range(0, points).Select(i => (double)i / (points - 1)).ToArray();
        var grid = Combine(xs, new[] { (xs, t.Select(v => 1 - v).ToArray()), (xe, t) }, points);
        var confidence = Classifier.ConfidenceInChunks(
            model,
            grid.view(InputShape(sources, pairs * points)),
            classTensor.repeat_interleave(points)
        );
        return new PathConfidence(
            t,
            Classifier.ToArray2D(confidence.view(pairs, points)),
            classTensor.cpu().data<long>().ToArray()
        );
    }

    /// <summary>
    /// Confidence over the triangle spanned by each source x_s and two end points a and b, on the exact
    /// integer grid x(i, j) = (1 - i/n - j/n) x_s + (i/n) a + (j/n) b, i, j &gt;= 0, i + j &lt;= n.
    /// </summary>
    /// <param name="model">Classifier returning logits [samples, classes].</param>
    /// <param name="sources">Sources x_s, [triangles, ...input shape].</param>
    /// <param name="endPointsA">First end points a (e.g. traversal end points towards one target), the same shape.</param>
    /// <param name="endPointsB">Second end points b, the same shape.</param>
    /// <param name="n">Grid resolution, at least 1: (n + 1)(n + 2)/2 points per triangle. Default 10 (66 points).</param>
    /// <param name="classes">Class per triangle; null uses the model's prediction at each source.</param>
    /// <returns>Grid indices (i, j) and confidences [triangles, points]; <see cref="TriangleConfidence.ToHeatmap"/>
    /// arranges one triangle as a heatmap.</returns>
    public static TriangleConfidence OverTriangle(
        nn.Module<Tensor, Tensor> model,
        Tensor sources,
        Tensor endPointsA,
        Tensor endPointsB,
        int n = 10,
        long[]? classes = null
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        Classifier.CheckInput(sources, nameof(sources));
        Classifier.CheckModelDtype(model, sources, nameof(sources));
        ArgumentNullException.ThrowIfNull(endPointsA);
        ArgumentNullException.ThrowIfNull(endPointsB);
        Classifier.CheckSameShape(sources, nameof(sources), endPointsA, nameof(endPointsA));
        Classifier.CheckSameShape(sources, nameof(sources), endPointsB, nameof(endPointsB));
        Classifier.CheckInput(endPointsA, nameof(endPointsA));
        Classifier.CheckInput(endPointsB, nameof(endPointsB));
        if (n < 1)
            throw new NeuroKitException(
                $"n must be at least 1 (grid points per edge minus one); got {n}."
            );

        var (gridI, gridJ) = TriangleGrid(n);
        var count = gridI.Length;
        using var modes = new EvalModeScope(model);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (xs, triangles, features) = Flatten(sources);
        var a = endPointsA.detach().to(xs.dtype, xs.device).reshape(triangles, features);
        var b = endPointsB.detach().to(xs.dtype, xs.device).reshape(triangles, features);
        var classTensor = Classifier.Classes(
            Classifier.Logits(model, sources),
            classes,
            nameof(classes)
        );

        var wa = gridI.Select(i => (double)i / n).ToArray();
        var wb = gridJ.Select(j => (double)j / n).ToArray();
        var ws = gridI.Select((i, k) => (double)(n - i - gridJ[k]) / n).ToArray();
        var grid = Combine(xs, new[] { (xs, ws), (a, wa), (b, wb) }, count);
        var confidence = Classifier.ConfidenceInChunks(
            model,
            grid.view(InputShape(sources, triangles * count)),
            classTensor.repeat_interleave(count)
        );
        return new TriangleConfidence(
            n,
            gridI,
            gridJ,
            Classifier.ToArray2D(confidence.view(triangles, count)),
            classTensor.cpu().data<long>().ToArray()
        );
    }

    /// <summary>
    /// The extent of the high-confidence region around each point: the confidence at random unit offsets
    /// orthogonal to the point's direction, scaled to each radius, summarised by quantiles.
    /// </summary>
    /// <param name="model">Classifier returning logits [samples, classes].</param>
    /// <param name="points">Centres, [points, ...input shape] (e.g. traversal end points or points on a path).</param>
    /// <param name="directions">Path direction at each centre (e.g. end point - source), the same shape; offsets are
    /// orthogonal to it (a zero direction leaves them unconstrained).</param>
    /// <param name="radii">Offset lengths (Euclidean, input units), each finite and &gt;= 0.</param>
    /// <param name="samples">Random offset directions per point, at least 1 (reused at every radius). Default 256.</param>
    /// <param name="quantiles">Quantile levels in [0, 1]; null gives 0.05, 0.5 and 0.95 (the reference code reports 0.05 and 0.95).</param>
    /// <param name="seed">Seed of the random offsets.</param>
    /// <param name="classes">Class per point; null uses the model's prediction at each point.</param>
    /// <param name="domainMin">Offset points are clipped to [domainMin, domainMax], as in the reference code. Default: no clipping.</param>
    /// <param name="domainMax">Upper end of the clipping range.</param>
    /// <returns>Quantiles [points, radii, quantiles].</returns>
    public static ExtentQuantiles Extent(
        nn.Module<Tensor, Tensor> model,
        Tensor points,
        Tensor directions,
        IReadOnlyList<double> radii,
        int samples = 256,
        IReadOnlyList<double>? quantiles = null,
        int seed = 0,
        long[]? classes = null,
        double domainMin = double.NegativeInfinity,
        double domainMax = double.PositiveInfinity
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        Classifier.CheckInput(points, nameof(points));
        Classifier.CheckModelDtype(model, points, nameof(points));
        ArgumentNullException.ThrowIfNull(directions);
        Classifier.CheckSameShape(points, nameof(points), directions, nameof(directions));
        Classifier.CheckInput(directions, nameof(directions));
        ArgumentNullException.ThrowIfNull(radii);
        if (radii.Count == 0 || radii.Any(r => !(r >= 0) || !double.IsFinite(r)))
            throw new NeuroKitException(
                $"radii must be a non-empty list of finite numbers >= 0; got [{string.Join(", ", radii)}]."
            );
        if (samples < 1)
            throw new NeuroKitException($"samples must be at least 1; got {samples}.");
        var levels = (quantiles ?? new[] { 0.05, 0.5, 0.95 }).ToArray();
        if (levels.Length == 0 || levels.Any(q => !(q >= 0 && q <= 1)))
            throw new NeuroKitException(
                $"quantiles must be a non-empty list of levels in [0, 1]; got [{string.Join(", ", levels)}]."
            );
        if (double.IsNaN(domainMin) || double.IsNaN(domainMax) || !(domainMin < domainMax))
            throw new NeuroKitException(
                $"domainMin ({domainMin}) must be below domainMax ({domainMax})."
            );

        using var modes = new EvalModeScope(model);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (centres, count, features) = Flatten(points);
        var dtype = centres.dtype;
        var device = centres.device;
        var d = directions.detach().to(dtype, device).reshape(count, features);
        var classTensor = Classifier.Classes(
            Classifier.Logits(model, points),
            classes,
            nameof(classes)
        );

        // Unit direction per point (zero stays zero), then unit offsets orthogonal to it.
        var dNorm = linalg.vector_norm(d, dims: new[] { 1L }, keepdim: true);
        var unitD = d.div(dNorm.masked_fill(dNorm.eq(0), 1.0)).unsqueeze(1);
        using var generator = new Generator((ulong)(uint)seed, device);
        var offsets = randn(
            new[] { count, (long)samples, features },
            dtype,
            device,
            generator: generator
        );
        offsets.sub_(offsets.mul(unitD).sum(2, keepdim: true).mul(unitD));
        var offsetNorm = linalg.vector_norm(offsets, dims: new[] { 2L }, keepdim: true);
        offsets.div_(offsetNorm.masked_fill(offsetNorm.eq(0), 1.0));

        var repeatedClasses = classTensor.repeat_interleave(samples);
        var q = tensor(levels, ScalarType.Float64, device);
        var values = new double[count, radii.Count, levels.Length];
        for (var r = 0; r < radii.Count; r++)
        {
            using var inner = NewDisposeScope();
            var shifted = centres.unsqueeze(1).add(offsets, radii[r]).clamp_(domainMin, domainMax);
            var confidence = Classifier
                .ConfidenceInChunks(
                    model,
                    shifted.view(InputShape(points, count * samples)),
                    repeatedClasses
                )
                .view(count, samples);
            var summary = Classifier.ToArray2D(quantile(confidence, q, dim: 1).t()); // [points, quantiles]
            for (var p = 0; p < count; p++)
            for (var l = 0; l < levels.Length; l++)
                values[p, r, l] = summary[p, l];
        }
        return new ExtentQuantiles(
            radii.ToArray(),
            levels,
            values,
            classTensor.cpu().data<long>().ToArray(),
            samples
        );
    }

    /// <summary>
    /// The confidence p_c = softmax(model(x))[c] of class <c>classes[i]</c> at row i of <paramref name="points"/>,
    /// without gradients, every submodule in evaluation mode, in chunks.
    /// </summary>
    /// <param name="model">Classifier returning logits [samples, classes].</param>
    /// <param name="points">Inputs, batch first: [samples, ...input shape].</param>
    /// <param name="classes">Class per sample; null uses the model's prediction (its top confidence).</param>
    /// <returns>One confidence per sample, length samples.</returns>
    public static double[] Confidence(
        nn.Module<Tensor, Tensor> model,
        Tensor points,
        IReadOnlyList<long>? classes = null
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        Classifier.CheckInput(points, nameof(points));
        Classifier.CheckModelDtype(model, points, nameof(points));
        using var modes = new EvalModeScope(model);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var classTensor = Classifier.Classes(
            Classifier.Logits(model, points),
            classes?.ToArray(),
            nameof(classes)
        );
        return Classifier.ToArray1D(Classifier.ConfidenceInChunks(model, points, classTensor));
    }

    /// <summary>The model's predicted class (argmax of the logits) per sample, without gradients, in evaluation mode.</summary>
    /// <param name="model">Classifier returning logits [samples, classes].</param>
    /// <param name="points">Inputs, batch first: [samples, ...input shape].</param>
    public static long[] Predict(nn.Module<Tensor, Tensor> model, Tensor points)
    {
        ArgumentNullException.ThrowIfNull(model);
        Classifier.CheckInput(points, nameof(points));
        Classifier.CheckModelDtype(model, points, nameof(points));
        using var modes = new EvalModeScope(model);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var n = points.shape[0];
        var result = new long[n];
        for (long start = 0; start < n; start += Classifier.ChunkRows)
        {
            var length = Math.Min(Classifier.ChunkRows, n - start);
            var predicted = Classifier
                .Logits(model, points.narrow(0, start, length))
                .argmax(1)
                .cpu()
                .data<long>()
                .ToArray();
            Array.Copy(predicted, 0, result, start, length);
        }
        return result;
    }

    /// <summary>
    /// The matched direct blend of each pair: the point on the straight line from the source to the target that lies
    /// as far from the target as the end point does, x_b = x_t + (|x_e - x_t| / |x_s - x_t|) (x_s - x_t) (the
    /// source itself when the end point is farther from the target than the source). It is the control of the
    /// blind-spot claim: an image as close to the target as the end point, reached without the traversal; the claim
    /// needs the end points' confidence above the blends'.
    /// </summary>
    /// <param name="sources">Sources x_s, [pairs, ...input shape].</param>
    /// <param name="targets">Targets x_t, the same shape.</param>
    /// <param name="endPoints">End points x_e (e.g. <see cref="LevelSetResult.EndPoints"/>), the same shape.</param>
    /// <returns>The blends, [pairs, ...input shape] (a new tensor, owned by the caller), and the weight on the source
    /// per pair (|x_e - x_t| / |x_s - x_t|, capped at 1; 0 when source and target coincide).</returns>
    public static (Tensor Points, double[] SourceWeight) MatchedBlend(
        Tensor sources,
        Tensor targets,
        Tensor endPoints
    )
    {
        Classifier.CheckInput(sources, nameof(sources));
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(endPoints);
        Classifier.CheckSameShape(sources, nameof(sources), targets, nameof(targets));
        Classifier.CheckSameShape(sources, nameof(sources), endPoints, nameof(endPoints));
        Classifier.CheckInput(targets, nameof(targets));
        Classifier.CheckInput(endPoints, nameof(endPoints));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (xs, pairs, features) = Flatten(sources.to(ScalarType.Float64));
        var xt = targets.detach().to(ScalarType.Float64).reshape(pairs, features);
        var xe = endPoints.detach().to(ScalarType.Float64).reshape(pairs, features);
        var gap = linalg.vector_norm(xs - xt, dims: new[] { 1L });
        var residual = linalg.vector_norm(xe - xt, dims: new[] { 1L });
        var weight = where(
                gap.gt(0),
                residual.div(gap.masked_fill(gap.eq(0), 1.0)),
                zeros_like(gap)
            )
            .clamp_max(1.0);
        var blend = xt.add(xs.sub(xt).mul(weight.unsqueeze(1)));
        var points = blend
            .to(sources.dtype, sources.device)
            .view(sources.shape)
            .DetachFromDisposeScope();
        return (points, Classifier.ToArray1D(weight));
    }

    /// <summary>The grid (i, j), i, j &gt;= 0, i + j &lt;= n, ordered by j, then i.</summary>
    internal static (int[] I, int[] J) TriangleGrid(int n)
    {
        var i = new List<int>();
        var j = new List<int>();
        for (var b = 0; b <= n; b++)
        for (var a = 0; a <= n - b; a++)
        {
            i.Add(a);
            j.Add(b);
        }
        return (i.ToArray(), j.ToArray());
    }

    private static (Tensor Flat, long Rows, long Features) Flatten(Tensor x)
    {
        var rows = x.shape[0];
        var features = x.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        return (x.detach().reshape(rows, features), rows, features);
    }

    private static long[] InputShape(Tensor like, long rows) =>
        like.shape.Skip(1).Prepend(rows).ToArray();

    /// <summary>
    /// Weighted sums of corner tensors: result [rows * count, features], row (r, k) = sum over corners of
    /// weight[k] * corner[r]. Weights are computed in double and cast once, so weights 0 and 1 reproduce
    /// the corners exactly.
    /// </summary>
    private static Tensor Combine(
        Tensor like,
        (Tensor Corner, double[] Weights)[] corners,
        int count
    )
    {
        var rows = like.shape[0];
        var features = like.shape[1];
        Tensor? sum = null;
        foreach (var (corner, weights) in corners)
        {
            var w = tensor(weights, ScalarType.Float64, like.device)
                .to(like.dtype)
                .view(1, count, 1);
            var term = corner.unsqueeze(1).mul(w);
            sum = sum is null ? term : sum.add_(term);
        }
        return sum!.reshape(rows * count, features);
    }
}
