using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Analysis.LevelSets;

/// <summary>Shared pieces of the traversal and the probes: validation and source-class confidence.</summary>
internal static class Classifier
{
    /// <summary>Rows evaluated per forward pass in the probes, to bound memory.</summary>
    internal const int ChunkRows = 4096;

    /// <summary>Checks a batch-first floating-point input with at least one sample and finite values.</summary>
    internal static void CheckInput(Tensor x, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.dim() < 2)
            throw new NeuroKitException(
                $"{name} has shape [{string.Join(", ", x.shape)}]; expected a batch first: [samples, ...input shape] (add a batch dimension with unsqueeze(0))."
            );
        if (x.shape[0] == 0)
            throw new NeuroKitException(
                $"{name} has no samples (shape [{string.Join(", ", x.shape)}]); pass at least one."
            );
        if (!x.is_floating_point())
            throw new NeuroKitException(
                $"{name} has dtype {x.dtype}; expected a floating-point tensor (convert with .to(float32))."
            );
        Guard.Finite(x, name);
    }

    /// <summary>Checks that <paramref name="x"/> has the dtype of the model's floating-point parameters (if any).</summary>
    internal static void CheckModelDtype(nn.Module<Tensor, Tensor> model, Tensor x, string name)
    {
        var parameter = model.parameters().FirstOrDefault(p => p.is_floating_point());
        if (parameter is not null && parameter.dtype != x.dtype)
            throw new NeuroKitException(
                $"{name} has dtype {x.dtype} but the model's parameters are {parameter.dtype}; convert the inputs with .to({parameter.dtype}) or the model with .to(...)."
            );
    }

    /// <summary>Checks that <paramref name="other"/> has exactly the shape of <paramref name="reference"/>.</summary>
    internal static void CheckSameShape(
        Tensor reference,
        string referenceName,
        Tensor other,
        string otherName
    )
    {
        if (!reference.shape.SequenceEqual(other.shape))
            throw new NeuroKitException(
                $"{otherName} has shape [{string.Join(", ", other.shape)}] but {referenceName} has [{string.Join(", ", reference.shape)}]; "
                    + "they must match: one row per pair, batch first."
            );
    }

    /// <summary>Checks that every value of <paramref name="x"/> lies in [min, max].</summary>
    internal static void CheckInDomain(Tensor x, string name, double min, double max)
    {
        using var scope = NewDisposeScope();
        var lo = x.min().to(ScalarType.Float64).item<double>();
        var hi = x.max().to(ScalarType.Float64).item<double>();
        if (lo < min || hi > max)
            throw new NeuroKitException(
                $"{name} has values in [{lo:G4}, {hi:G4}], outside the input domain [{min:G4}, {max:G4}] (options.DomainMin, options.DomainMax); "
                    + "scale the inputs or set the domain to their range."
            );
    }

    /// <summary>
    /// Runs the model on x (shape [n, ...]) without gradients and checks that it returns logits [n, classes].
    /// </summary>
    internal static Tensor Logits(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        var logits = model.call(x);
        if (logits.dim() != 2 || logits.shape[0] != x.shape[0])
            throw new NeuroKitException(
                $"model returned shape [{string.Join(", ", logits.shape)}] for {x.shape[0]} inputs; expected logits [samples, classes]."
            );
        if (logits.shape[1] < 2)
            throw new NeuroKitException(
                $"model returns {logits.shape[1]} logit per input; a classifier needs at least 2 classes (softmax over a single logit is always 1)."
            );
        return logits;
    }

    /// <summary>The classes to follow: <paramref name="given"/> if not null (validated), else the model's prediction.</summary>
    internal static Tensor Classes(Tensor logits, long[]? given, string name)
    {
        if (given is null)
            return logits.argmax(1);
        var n = logits.shape[0];
        var classes = logits.shape[1];
        if (given.Length != n)
            throw new NeuroKitException(
                $"{name} has {given.Length} entries for {n} samples; give one class per sample."
            );
        for (var i = 0; i < given.Length; i++)
            if (given[i] < 0 || given[i] >= classes)
                throw new NeuroKitException(
                    $"{name}[{i}] is {given[i]}; the model has {classes} classes, so classes must lie in [0, {classes - 1}]."
                );
        return tensor(given, device: logits.device);
    }

    /// <summary>Source-class confidence p_c = softmax(logits)[c], computed as exp(log_softmax) for every row.</summary>
    internal static Tensor Confidence(Tensor logits, Tensor classes) =>
        logits.log_softmax(1).gather(1, classes.unsqueeze(1)).squeeze(1).exp();

    /// <summary>
    /// Confidence of class <c>classes[i]</c> at row i of <paramref name="points"/> (shape [n, ...]),
    /// in chunks, without gradients; returns a float64 tensor [n].
    /// </summary>
    internal static Tensor ConfidenceInChunks(
        nn.Module<Tensor, Tensor> model,
        Tensor points,
        Tensor classes
    )
    {
        using var noGrad = no_grad();
        var n = points.shape[0];
        var parts = new List<Tensor>();
        for (long start = 0; start < n; start += ChunkRows)
        {
            var length = Math.Min(ChunkRows, n - start);
            var logits = Logits(model, points.narrow(0, start, length));
            parts.Add(Confidence(logits, classes.narrow(0, start, length)).to(ScalarType.Float64));
        }
        return parts.Count == 1 ? parts[0] : cat(parts, 0);
    }

    /// <summary>Copies a 2-D tensor into a double[rows, columns] array.</summary>
    internal static double[,] ToArray2D(Tensor t)
    {
        var rows = (int)t.shape[0];
        var columns = (int)t.shape[1];
        var flat = t.to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();
        var result = new double[rows, columns];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }

    /// <summary>Copies a 1-D tensor into a double[] array.</summary>
    internal static double[] ToArray1D(Tensor t) =>
        t.to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();
}
