using NeuroKit.Analysis.Similarity;
using NeuroKit.Errors;
using Sim = NeuroKit.Analysis.Similarity.Similarity;

namespace NeuroKit.Tests.Analysis.Similarity;

public class RegistryTests
{
    [Fact]
    public void Create_knows_every_name_and_refuses_unknown_ones_listing_the_known()
    {
        foreach (var name in Sim.Names)
            Assert.NotNull(Sim.Create(name));
        var e = Assert.Throws<NeuroKitException>(() => Sim.Create("svdcca"));
        Assert.StartsWith(
            "unknown similarity metric 'svdcca'; known metrics: cca, svcca, pwcca",
            e.Message
        );
    }

    [Fact]
    public void Create_passes_options_to_the_metric()
    {
        var svcca = Assert.IsType<Svcca>(
            Sim.Create("SVCCA", new SimilarityOptions { SvdKeep = SvdKeep.Count(7) })
        );
        Assert.Equal(7, svcca.Keep.DirectionCount);
        Assert.Equal(
            0.3,
            Assert
                .IsType<RbfCka>(Sim.Create("rbf-cka", new SimilarityOptions { RbfFraction = 0.3 }))
                .Fraction
        );
    }

    [Fact]
    public void Pairwise_fills_every_ordered_pair_with_ones_on_the_diagonal_for_cka()
    {
        var random = new Random(9);
        var reps = Enumerable
            .Range(0, 3)
            .Select(_ => SimilarityData.Pair(random, 60, 4, 3).Y)
            .ToList();
        var m = Sim.Pairwise(new LinearCka(), reps);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, m[i, i], 1e-12);
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(m[i, j], m[j, i], 1e-12);
                Assert.Equal(new LinearCka().Compare(reps[i], reps[j]).Value, m[i, j], 1e-15);
            }
        }
    }
}
