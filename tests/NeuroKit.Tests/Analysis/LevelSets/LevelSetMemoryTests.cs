using NeuroKit.Analysis.LevelSets;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.LevelSets;

public class LevelSetMemoryTests
{
    [Fact]
    public void Traversal_and_probes_leave_no_live_tensors_behind_once_the_result_is_disposed()
    {
        using var model = TestModels.Mlp(6, 8, 3, seed: 4, ScalarType.Float32);
        using var generator = new Generator(2);
        using var sources = rand(new long[] { 5, 6 }, generator: generator);
        using var targets = rand(new long[] { 5, 6 }, generator: generator);
        var options = new LevelSetOptions
        {
            Iterations = 12,
            Epsilon = 0.01,
            StartNoise = 0.02,
        };
        // Warm up once (lazily created tensors inside TorchSharp count as live), then compare counts.
        LevelSetTraversal.Run(model, sources, targets, options).Dispose();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var result = LevelSetTraversal.Run(model, sources, targets, options))
        {
            LevelSetProbes.AlongPath(model, sources, result.EndPoints, 5);
            LevelSetProbes.OverTriangle(model, sources, result.EndPoints, targets, 4);
            using var direction = result.EndPoints - sources;
            LevelSetProbes.Extent(model, result.EndPoints, direction, new[] { 0.1, 0.3 }, 8);
        }
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
