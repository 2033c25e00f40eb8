using NeuroKit.Models;
using NeuroKit.Training;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Training;

public class FlatOptimizerTests
{
    // Same update rules as TorchSharp's optimisers, computed over one buffer: float32 rounding differs at most
    // in the last bits after a few steps.
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData(OptimizerKind.Adam, 0.0, 0.0)]
    [InlineData(OptimizerKind.Adam, 0.0, 0.1)]
    [InlineData(OptimizerKind.AdamW, 0.0, 0.5)]
    [InlineData(OptimizerKind.Sgd, 0.9, 0.01)]
    [InlineData(OptimizerKind.Sgd, 0.0, 0.0)]
    public void The_flat_optimiser_matches_torchs_optimiser_step_for_step(
        OptimizerKind kind,
        double momentum,
        double weightDecay
    )
    {
        const double lr = 0.01;
        var a = new Mlp([6, 8, 3], seed: 1);
        var b = new Mlp([6, 8, 3], seed: 1);
        var x = randn(10, 6, generator: new Generator(2));
        var y = tensor(new long[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0 });
        using var flat = FlatOptimizer.TryCreate(a.parameters(), kind, momentum, weightDecay)!;
        using optim.Optimizer reference = kind switch
        {
            OptimizerKind.Sgd => optim.SGD(
                b.parameters(),
                lr,
                momentum: momentum,
                weight_decay: weightDecay
            ),
            OptimizerKind.AdamW => optim.AdamW(b.parameters(), lr, weight_decay: weightDecay),
            _ => optim.Adam(b.parameters(), lr, weight_decay: weightDecay),
        };
        for (var step = 0; step < 5; step++)
        {
            flat.ZeroGrad();
            nn.functional.cross_entropy(a.call(x), y).backward();
            flat.Step(lr);
            reference.zero_grad();
            nn.functional.cross_entropy(b.call(x), y).backward();
            reference.step();
        }
        foreach (var ((name, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(
                pa.allclose(pb, 0, Tolerance),
                $"{name} differs by {(pa - pb).abs().max().item<float>()}"
            );
        Assert.False(
            a.Linears[0].weight!.allclose(new Mlp([6, 8, 3], seed: 1).Linears[0].weight!, 0, 0)
        ); // it did train
    }
}
