using System.Globalization;
using NeuroKit.Errors;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// Options for metrics created by name through <see cref="Similarity.Create"/>; each metric reads the ones it
/// has. Every setter validates its value, so an invalid option fails where it is set, naming the option.
/// </summary>
public sealed record SimilarityOptions
{
    /// <summary>SVCCA's SVD truncation (default: 99% of the variance).</summary>
    public SvdKeep SvdKeep
    {
        get;
        init =>
            field =
                value
                ?? throw new NeuroKitException(
                    "SvdKeep must not be null; use SvdKeep.Variance(0.99) or SvdKeep.Count(20)."
                );
    } = SvdKeep.Variance(0.99);

    /// <summary>RBF CKA's bandwidth as a fraction of the median distance (default 0.5; positive and finite).</summary>
    public double RbfFraction
    {
        get;
        init =>
            field =
                value > 0 && double.IsFinite(value)
                    ? value
                    : throw new NeuroKitException(
                        $"RbfFraction must be a positive number (e.g. 0.5 of the median distance); got {value.ToString(CultureInfo.InvariantCulture)}."
                    );
    } = 0.5;

    /// <summary>RSA's dissimilarity (default correlation distance).</summary>
    public RsaDistance RsaDistance
    {
        get;
        init =>
            field = Enum.IsDefined(value)
                ? value
                : throw new NeuroKitException(
                    $"RsaDistance {(int)value} is not defined; use Correlation, Euclidean or Cosine."
                );
    } = RsaDistance.Correlation;

    /// <summary>RSA's RDM comparison (default Spearman).</summary>
    public RsaComparison RsaComparison
    {
        get;
        init =>
            field = Enum.IsDefined(value)
                ? value
                : throw new NeuroKitException(
                    $"RsaComparison {(int)value} is not defined; use Spearman or Pearson."
                );
    } = RsaComparison.Spearman;
}
