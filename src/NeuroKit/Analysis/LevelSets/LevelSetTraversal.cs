using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.LevelSets;

/// <summary>
/// Level Set Traversal: from a source x_s that a classifier assigns to class c with confidence
/// p_ref = p_c(x_s), walk towards an arbitrary target x_t while staying in the superlevel set
/// {x : p_c(x) &gt; p_ref - Delta}. The end points look like the targets yet keep the source's class and
/// confidence: the model's blind spots.
/// </summary>
/// <remarks>
/// <para>
/// Balasubramanian, Sriramanan, Sadasivan and Feizi, "Exploring Geometry of Blind Spots in Vision Models",
/// NeurIPS 2023 (arXiv:2310.19889), Section 3, and its reference code
/// (github.com/SriramB-98/blindspots-neurips-sub, <c>batch_level_set_traversal</c>). Each iteration, per pair:
/// </para>
/// <list type="number">
/// <item>g = grad_x of the cross-entropy of the logits at x with label c (so -g raises p_c);</item>
/// <item>u = (x_t - x) - ((x_t - x)·g / g·g) g, the part of the direction to the target orthogonal to g
/// (u = x_t - x where g = 0: a zero gradient is not divided by);</item>
/// <item>A = clip(A + (Epsilon/2) g, -Epsilon, Epsilon), the accumulated adversarial correction (A = 0 when
/// Epsilon = 0), updated every iteration whether or not the step is accepted, as in the reference code;</item>
/// <item>x' = clip(x + Eta u - A, DomainMin, DomainMax);</item>
/// <item>x = x' where p_ref - p_c(x') &lt; Delta, otherwise x stays.</item>
/// </list>
/// <para>
/// One forward and backward pass per iteration serves both the acceptance test of x' and the gradient for
/// the next step: the pass runs at x'; accepted pairs keep its gradient, rejected pairs keep the cached
/// gradient at x, which is exactly where they stay. The gradient is taken with respect to the input only
/// (<c>torch.autograd.grad</c>), so the model's parameter gradients are neither computed nor touched.
/// Every submodule runs in evaluation mode during the call and gets its previous mode back afterwards.
/// </para>
/// <para>
/// Speed: small batches are dominated by per-operation overhead, not arithmetic; on a busy CPU,
/// <c>torch.set_num_threads(1)</c> can be faster than several intra-op threads waiting for each other.
/// </para>
/// </remarks>
public static class LevelSetTraversal
{
    /// <summary>
    /// Runs the traversal for a batch of source/target pairs.
    /// </summary>
    /// <param name="model">A differentiable classifier returning logits [samples, classes] for inputs
    /// shaped like <paramref name="sources"/>; confidences are its softmax.</param>
    /// <param name="sources">Source inputs x_s, batch first: [pairs, ...input shape] (e.g. [64, 1, 8, 8]),
    /// floating point, finite, inside [DomainMin, DomainMax].</param>
    /// <param name="targets">Target inputs x_t, the same shape as <paramref name="sources"/>; row i is the
    /// target of source i.</param>
    /// <param name="options">Step size, tolerance, adversarial bound, iterations, domain and seed.</param>
    /// <param name="sourceClasses">Class c per pair; null (the default) uses the model's prediction at each source.</param>
    /// <returns>End points, per-pair class, p_ref and final confidence, distances, and the per-iteration history.</returns>
    /// <exception cref="NeuroKitException">Shapes differ, inputs are not finite or leave the domain, an option
    /// is out of range, a class is out of range, or the model does not return logits [samples, classes].</exception>
    public static LevelSetResult Run(
        nn.Module<Tensor, Tensor> model,
        Tensor sources,
        Tensor targets,
        LevelSetOptions options,
        long[]? sourceClasses = null
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        Classifier.CheckInput(sources, nameof(sources));
        Classifier.CheckModelDtype(model, sources, nameof(sources));
        ArgumentNullException.ThrowIfNull(targets);
        Classifier.CheckSameShape(sources, nameof(sources), targets, nameof(targets));
        Classifier.CheckInput(targets, nameof(targets));
        Classifier.CheckInDomain(sources, nameof(sources), options.DomainMin, options.DomainMax);
        Classifier.CheckInDomain(targets, nameof(targets), options.DomainMin, options.DomainMax);

        using var modes = new EvalModeScope(model);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        var shape = sources.shape;
        var pairs = shape[0];
        var features = shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        var dtype = sources.dtype;
        var device = sources.device;
        var iterations = options.Iterations;

        var xs = sources.detach().reshape(pairs, features);
        var xt = targets.detach().to(dtype, device).reshape(pairs, features);

        var referenceLogits = Classifier.Logits(model, xs.view(shape));
        var classes = Classifier.Classes(referenceLogits, sourceClasses, nameof(sourceClasses));
        var classColumn = classes.unsqueeze(1);
        var pRef = Classifier.Confidence(referenceLogits, classes);

        var x = xs.clone();
        if (options.StartNoise > 0)
        {
            using var generator = new Generator((ulong)(uint)options.Seed, device);
            var u = rand(new[] { pairs, features }, dtype, device, generator: generator);
            x.add_(u.sub_(0.5).mul_(options.StartNoise))
                .clamp_(options.DomainMin, options.DomainMax);
        }

        var minusOnes = full(new[] { pairs, 1L }, -1.0, dtype, device);
        var (p, g) = ConfidenceAndGradient(model, x, shape, classColumn, minusOnes);
        var gg = SafeSquaredNorm(g);

        var confidence = empty(new[] { iterations + 1L, pairs }, ScalarType.Float64, device);
        var distance = empty(new[] { iterations + 1L, pairs }, ScalarType.Float64, device);
        var accepted = empty(new[] { (long)iterations, pairs }, ScalarType.Bool, device);
        confidence[0].copy_(p);

        var adversarial = options.Epsilon > 0 ? zeros_like(x) : null;
        using var eta = options.Eta.ToScalar();
        using var delta = options.Delta.ToScalar();
        using var halfEpsilon = (options.Epsilon / 2).ToScalar();
        using var minusEpsilon = (-options.Epsilon).ToScalar();
        using var plusEpsilon = options.Epsilon.ToScalar();
        using var domainMin = options.DomainMin.ToScalar();
        using var domainMax = options.DomainMax.ToScalar();
        using var minusOne = (-1.0).ToScalar();

        for (var k = 0; k < iterations; k++)
        {
            using var step = NewDisposeScope();
            var v = xt - x;
            distance[k].copy_(linalg.vector_norm(v, dims: new[] { 1L }));
            var coefficient = v.mul(g).sum(1, keepdim: true).div_(gg);
            var direction = v.addcmul_(coefficient, g, minusOne);
            var candidate = x.add(direction, eta);
            if (adversarial is not null)
            {
                adversarial.add_(g, halfEpsilon).clamp_(minusEpsilon, plusEpsilon);
                candidate.sub_(adversarial);
            }
            candidate.clamp_(domainMin, domainMax);

            var (pNew, gNew) = ConfidenceAndGradient(
                model,
                candidate,
                shape,
                classColumn,
                minusOnes
            );
            var accept = pRef.sub(pNew).lt(delta);
            var acceptRow = accept.unsqueeze(1);
            x.copy_(where(acceptRow, candidate, x));
            g.copy_(where(acceptRow, gNew, g));
            p.copy_(where(accept, pNew, p));
            gg.copy_(SafeSquaredNorm(g));
            confidence[k + 1].copy_(p);
            accepted[k].copy_(accept);
        }
        distance[iterations].copy_(linalg.vector_norm(xt - x, dims: new[] { 1L }));

        var history = new LevelSetHistory(
            Classifier.ToArray2D(confidence),
            Classifier.ToArray2D(distance),
            ToBoolArray2D(accepted)
        );
        var result = new LevelSetResult(
            x.reshape(shape).clone().DetachFromDisposeScope(),
            classes.cpu().data<long>().ToArray(),
            Classifier.ToArray1D(pRef),
            Classifier.ToArray1D(p),
            Classifier.ToArray1D(linalg.vector_norm(x - xs, dims: new[] { 1L })),
            Classifier.ToArray1D(linalg.vector_norm(xt - x, dims: new[] { 1L })),
            Classifier.ToArray1D(linalg.vector_norm(xt - xs, dims: new[] { 1L })),
            history,
            options
        );
        return result;
    }

    /// <summary>
    /// The part of <paramref name="direction"/> orthogonal to <paramref name="gradient"/>, row by row
    /// (both [rows, features]); rows with a zero gradient keep the full direction.
    /// </summary>
    internal static Tensor ProjectOrthogonal(Tensor direction, Tensor gradient)
    {
        using var scope = NewDisposeScope();
        var coefficient = direction
            .mul(gradient)
            .sum(1, keepdim: true)
            .div_(SafeSquaredNorm(gradient));
        return direction.addcmul(coefficient, gradient, -1.0).MoveToOuterDisposeScope();
    }

    /// <summary>g·g per row, [rows, 1], with zeros replaced by 1 (then g = 0, so g·v / 1 = 0 and the projection is v).</summary>
    private static Tensor SafeSquaredNorm(Tensor g)
    {
        var gg = g.mul(g).sum(1, keepdim: true);
        return gg.masked_fill_(gg.eq(0), 1.0);
    }

    /// <summary>
    /// One forward and backward pass at x ([pairs, features]): returns p_c(x) [pairs] and the gradient of
    /// the cross-entropy with label c with respect to x, [pairs, features].
    /// </summary>
    private static (Tensor Confidence, Tensor Gradient) ConfidenceAndGradient(
        nn.Module<Tensor, Tensor> model,
        Tensor x,
        long[] shape,
        Tensor classColumn,
        Tensor minusOnes
    )
    {
        using var gradMode = enable_grad();
        var input = x.view(shape).detach().requires_grad_(true);
        var logits = Classifier.Logits(model, input);
        var logProbability = logits.log_softmax(1).gather(1, classColumn);
        // d(-log p_c)/dx: the cross-entropy gradient of each row (rows are independent in evaluation mode).
        var gradient = torch.autograd.grad(
            new[] { logProbability },
            new[] { input },
            new[] { minusOnes }
        )[0];
        var confidence = logProbability.detach().squeeze(1).exp();
        return (confidence, gradient.view(x.shape[0], x.shape[1]));
    }

    private static bool[,] ToBoolArray2D(Tensor t)
    {
        var rows = (int)t.shape[0];
        var columns = (int)t.shape[1];
        var flat = t.cpu().contiguous().data<bool>().ToArray();
        var result = new bool[rows, columns];
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < columns; j++)
            result[i, j] = flat[i * columns + j];
        return result;
    }

    private static void CheckOptions(LevelSetOptions o)
    {
        if (!(o.Eta > 0 && o.Eta <= 1))
            throw new NeuroKitException(
                $"options.Eta must lie in (0, 1] (the fraction of the orthogonal direction taken per step); got {o.Eta}."
            );
        if (!(o.Delta > 0 && o.Delta <= 1))
            throw new NeuroKitException(
                $"options.Delta must lie in (0, 1] (the confidence drop tolerated below p_ref); got {o.Delta}."
            );
        if (!(o.Epsilon >= 0) || !double.IsFinite(o.Epsilon))
            throw new NeuroKitException(
                $"options.Epsilon must be a finite number >= 0 (0 switches the adversarial correction off); got {o.Epsilon}."
            );
        if (o.Iterations < 1)
            throw new NeuroKitException(
                $"options.Iterations must be at least 1; got {o.Iterations}."
            );
        if (
            !double.IsFinite(o.DomainMin)
            || !double.IsFinite(o.DomainMax)
            || !(o.DomainMin < o.DomainMax)
        )
            throw new NeuroKitException(
                $"options.DomainMin ({o.DomainMin}) must be below options.DomainMax ({o.DomainMax}), both finite; set them to the range of the inputs."
            );
        if (!(o.StartNoise >= 0) || !double.IsFinite(o.StartNoise))
            throw new NeuroKitException(
                $"options.StartNoise must be a finite number >= 0; got {o.StartNoise}."
            );
    }
}
