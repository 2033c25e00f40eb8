namespace NeuroKit.Analysis.Similarity;

/// <summary>The outcome of <see cref="SparseLinearPrediction.Fit(TorchSharp.torch.Tensor, TorchSharp.torch.Tensor, double, int, int, IReadOnlyList{int})"/>.</summary>
public sealed record SparsePredictionResult
{
    /// <summary>Per target unit, the cross-validated R² of its lasso prediction (NaN for a constant unit).</summary>
    public required IReadOnlyList<double> R2 { get; init; }

    /// <summary>Per target unit, the number of predictor units with a non-zero weight in the fit on all samples.</summary>
    public required IReadOnlyList<int> NonZero { get; init; }

    /// <summary>The L1 penalty used.</summary>
    public required double Alpha { get; init; }

    /// <summary>Cross-validation folds.</summary>
    public required int Folds { get; init; }

    /// <summary>Number of predictor units (columns of x).</summary>
    public required int Predictors { get; init; }

    /// <summary>R² of the given target units (e.g. the poorly matched ones), NaN entries skipped.</summary>
    public IReadOnlyList<double> R2Of(IEnumerable<int> units) =>
        units.Select(u => R2[u]).Where(double.IsFinite).ToArray();
}
