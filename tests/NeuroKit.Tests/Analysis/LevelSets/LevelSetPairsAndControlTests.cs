using NeuroKit.Analysis.LevelSets;
using NeuroKit.Claims;
using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.LevelSets;

/// <summary>
/// Pair selection, class confidence and the matched direct blend (the control of notebook 04's verdicts), and the
/// verdict rule of claim 1 on its control.
/// </summary>
public class LevelSetPairsAndControlTests
{
    // Three classes along the first coordinate: logits [-x0, 0, x0] scaled; x0 < 0 class 0, x0 > 0 class 2, else 1.
    private static nn.Module<Tensor, Tensor> ThreeClasses() =>
        TestModels.Linear(
            new double[,]
            {
                { -4, 0 },
                { 0, 0 },
                { 4, 0 },
            },
            [0, 1, 0]
        );

    private static (Tensor Images, long[] Labels) Points(int n, int seed)
    {
        var rng = new Random(seed);
        var rows = new double[n, 2];
        var labels = new long[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % 3;
            rows[i, 0] = labels[i] switch
            {
                0 => -2 - rng.NextDouble(),
                1 => 0.0,
                _ => 2 + rng.NextDouble(),
            };
            rows[i, 1] = rng.NextDouble();
        }
        return (tensor(rows), labels);
    }

    [Fact]
    public void Select_gives_each_source_two_targets_of_other_distinct_classes_without_reuse()
    {
        var model = ThreeClasses();
        var (images, labels) = Points(30, 1);
        var pairs = LevelSetPairs.Select([model], images, labels, sources: 5, seed: 3);
        Assert.Equal(5, pairs.Sources);
        Assert.Equal(10, pairs.Pairs);
        for (var k = 0; k < 5; k++)
        {
            Assert.Equal(pairs.SourceIndices[k], pairs.SourceIndices[k + 5]);
            Assert.NotEqual(pairs.SourceLabels[k], pairs.TargetLabels[k]);
            Assert.NotEqual(pairs.SourceLabels[k], pairs.TargetLabels[k + 5]);
            Assert.NotEqual(pairs.TargetLabels[k], pairs.TargetLabels[k + 5]);
        }
        var used = pairs.SourceIndices.Take(5).Concat(pairs.TargetIndices).ToList();
        Assert.Equal(used.Count, used.Distinct().Count());
        Assert.All(
            pairs.SourceIndices.Select((i, j) => labels[i] == pairs.SourceLabels[j]),
            Assert.True
        );
        // Deterministic by seed, different with another seed.
        Assert.Equal(
            pairs.TargetIndices,
            LevelSetPairs.Select([model], images, labels, 5, 3).TargetIndices
        );
        Assert.NotEqual(
            pairs.SourceIndices,
            LevelSetPairs.Select([model], images, labels, 5, 4).SourceIndices
        );
        using var sourceImages = pairs.SourceImages(images);
        Assert.Equal(new long[] { 10, 2 }, sourceImages.shape);
    }

    [Fact]
    public void Select_uses_only_images_every_model_classifies_correctly()
    {
        var (images, labels) = Points(30, 2);
        // This model calls everything class 1: only the class-1 images are correct for both, too few classes.
        var constant = TestModels.Linear(
            new double[,]
            {
                { 0, 0 },
                { 0, 0 },
                { 0, 0 },
            },
            [0, 1, 0]
        );
        var error = Assert.Throws<NeuroKitException>(() =>
            LevelSetPairs.Select([ThreeClasses(), constant], images, labels, 3, 0)
        );
        Assert.Contains("target", error.Message);
        var tooMany = Assert.Throws<NeuroKitException>(() =>
            LevelSetPairs.Select([ThreeClasses()], images, labels, 31, 0)
        );
        Assert.Contains("sources", tooMany.Message);
    }

    [Fact]
    public void Confidence_is_the_softmax_probability_of_the_given_class()
    {
        var model = ThreeClasses();
        var (images, _) = Points(6, 3);
        var classes = new long[] { 0, 1, 2, 2, 1, 0 };
        var p = LevelSetProbes.Confidence(model, images, classes);
        using var expected = model.call(images).softmax(1);
        for (var i = 0; i < 6; i++)
            Assert.Equal(expected[i, classes[i]].item<double>(), p[i], 12);
        var top = LevelSetProbes.Confidence(model, images);
        var predicted = LevelSetProbes.Predict(model, images);
        for (var i = 0; i < 6; i++)
            Assert.Equal(expected[i, predicted[i]].item<double>(), top[i], 12);
    }

    [Fact]
    public void The_matched_blend_lies_on_the_source_target_line_as_far_from_the_target_as_the_end_point()
    {
        var sources = tensor(
            new double[,]
            {
                { 0, 0 },
                { 1, 1 },
                { 2, 0 },
            }
        );
        var targets = tensor(
            new double[,]
            {
                { 4, 0 },
                { 1, 4 },
                { 2, 1 },
            }
        );
        // End points: 1 from the target, 1.5 from it, and farther than the source (capped at the source).
        var ends = tensor(
            new double[,]
            {
                { 4, 1 },
                { 2.5, 4 },
                { 5, 5 },
            }
        );
        var (blends, weight) = LevelSetProbes.MatchedBlend(sources, targets, ends);
        var b = TestModels.ToArray(blends);
        Assert.Equal(new[] { 3.0, 0 }, new[] { b[0, 0], b[0, 1] });
        Assert.Equal(new[] { 1.0, 2.5 }, new[] { b[1, 0], b[1, 1] });
        Assert.Equal(new[] { 2.0, 0 }, new[] { b[2, 0], b[2, 1] });
        Assert.Equal(new[] { 0.25, 0.5, 1.0 }, weight);
    }

    [Fact]
    public void Claim_1_reads_NOT_SHOWN_when_the_end_points_are_the_matched_blends_or_stay_at_the_source()
    {
        // Notebook 04's rule: distance to the target below a threshold AND confidence above the matched blend.
        var model = ThreeClasses();
        var (images, labels) = Points(40, 4);
        var pairs = LevelSetPairs.Select([model], images, labels, 4, 0);
        using var sources = pairs.SourceImages(images).clamp(-5, 5);
        using var targets = pairs.TargetImages(images).clamp(-5, 5);
        var options = new LevelSetOptions
        {
            Eta = 0.01,
            Delta = 0.2,
            Iterations = 1,
            DomainMin = -5,
            DomainMax = 5,
        };
        using var result = LevelSetTraversal.Run(
            model,
            sources,
            targets,
            options,
            pairs.SourceClasses
        );
        var (blends, _) = LevelSetProbes.MatchedBlend(sources, targets, result.EndPoints);
        var blendConfidence = LevelSetProbes.Confidence(model, blends, pairs.SourceClasses);

        Verdict Rule(Estimate distance, Estimate endConfidence, Estimate control) =>
            Verdict.Combine(
                new Claim("claim 1", "blind spots"),
                [
                    Verdict.Below(
                        new Claim("near", "near"),
                        distance,
                        Estimate.Single(0.5),
                        "the threshold 0.5"
                    ),
                    Verdict.Exceeds(
                        new Claim("confident", "confident"),
                        endConfidence,
                        control,
                        "matched blend",
                        margin: 0.2
                    ),
                ]
            );
        // One iteration leaves the end points next to the sources: not near the target.
        var stalled = Rule(
            Estimate.Single(result.RelativeDistanceToTarget.Average()),
            Estimate.Single(result.FinalConfidence.Average()),
            Estimate.Single(blendConfidence.Average())
        );
        Assert.True(result.RelativeDistanceToTarget.Min() > 0.9);
        Assert.NotEqual(VerdictOutcome.Shown, stalled.Outcome);
        Assert.Equal(VerdictOutcome.NotShown, stalled.Parts[0].Outcome);
        // The control measured as the experiment: end points replaced by their blends.
        var asControl = Rule(
            Estimate.Single(0.1),
            Estimate.Single(blendConfidence.Average()),
            Estimate.Single(blendConfidence.Average())
        );
        Assert.Equal(VerdictOutcome.NotShown, asControl.Parts[1].Outcome);
        Assert.NotEqual(VerdictOutcome.Shown, asControl.Outcome);
        blends.Dispose();
    }

    [Fact]
    public void Shares_above_a_floor_count_paths_by_their_minimum_and_triangle_points_one_by_one()
    {
        var model = ThreeClasses();
        // Two paths of class 2: one stays at x0 = 3 (constant), one crosses to x0 = -3 (falls to near 0).
        var sources = tensor(
            new double[,]
            {
                { 3, 0 },
                { 3, 0 },
            }
        );
        var ends = tensor(
            new double[,]
            {
                { 3, 1 },
                { -3, 0 },
            }
        );
        var classes = new long[] { 2, 2 };
        var path = LevelSetProbes.AlongPath(model, sources, ends, 5, classes);
        var p = LevelSetProbes.Confidence(model, sources, classes)[0];
        Assert.Equal(0.5, path.ShareStayingAbove([p - 0.01, p - 0.01]));
        Assert.Equal(0, path.ShareStayingAbove([p + 0.01, p + 0.01]));
        Assert.Throws<NeuroKitException>(() => path.ShareStayingAbove([0.5]));
        // A triangle with all three corners at the source: every one of its 6 grid points equals p.
        var triangle = LevelSetProbes.OverTriangle(model, sources, sources, ends, 2, classes);
        var flat = triangle.ShareAbove([p - 0.01, 2]);
        Assert.Equal(0.5, flat);
        Assert.Throws<NeuroKitException>(() => triangle.ShareAbove([0.5]));
    }
}
