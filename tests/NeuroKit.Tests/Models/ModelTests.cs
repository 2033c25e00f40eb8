using NeuroKit.Errors;
using NeuroKit.Models;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Models;

public class ModelTests
{
    [Fact]
    public void The_same_seed_gives_identical_parameters_and_a_different_seed_does_not()
    {
        var a = new Mlp([64, 32, 10], seed: 5);
        var b = new Mlp([64, 32, 10], seed: 5);
        var c = new Mlp([64, 32, 10], seed: 6);
        foreach (var ((name, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(pa.allclose(pb, 0, 0), $"{name} differs for equal seeds");
        Assert.False(a.Linears[0].weight!.allclose(c.Linears[0].weight!, 0, 0));
    }

    [Fact]
    public void Initialisation_is_deterministic_while_other_threads_use_the_global_rng()
    {
        var reference = new Mlp([32, 64, 10], seed: 9)
            .Linears.Select(l => l.weight!.clone())
            .ToList();
        var results = new Mlp[16];
        Parallel.For(
            0,
            16,
            i =>
            {
                if (i % 2 == 0)
                {
                    manual_seed(i);
                    using var noise = rand(1000); // other work drawing from the global generator
                    results[i] = new Mlp([32, 64, 10], seed: 9);
                }
                else
                    results[i] = new Mlp([32, 64, 10], seed: 9);
            }
        );
        foreach (var m in results)
            for (var l = 0; l < reference.Count; l++)
                Assert.True(m.Linears[l].weight!.allclose(reference[l], 0, 0));
    }

    [Fact]
    public void Mlp_weights_lie_within_the_scaled_default_bound_with_the_uniform_spread()
    {
        const double scale = 0.5;
        var mlp = new Mlp([100, 400, 10], initScale: scale, seed: 1);
        var w = mlp.Linears[0].weight!;
        var bound = scale / Math.Sqrt(100);
        Assert.True(w.abs().max().item<float>() <= bound);
        // Uniform(-b, b) has standard deviation b / sqrt(3); 40,000 draws pin it to about 0.5%.
        Assert.Equal(bound / Math.Sqrt(3), w.std().item<float>(), 0.01 * bound);
        Assert.Equal([400L, 100], w.shape);
        Assert.Equal([10L, 400], mlp.Linears[1].weight!.shape);
    }

    [Fact]
    public void An_mlp_exposes_widths_activation_and_linears_and_describes_itself()
    {
        var mlp = new Mlp([64, 128, 128, 10], Activation.Gelu, bias: false, seed: 3);
        Assert.Equal(3, mlp.Linears.Count);
        Assert.All(mlp.Linears, l => Assert.Null(l.bias));
        Assert.Equal(3, mlp.parameters().Count());
        Assert.Equal(Activation.Gelu, mlp.Activation);
        Assert.Equal("Mlp(widths=[64,128,128,10], act=Gelu, bias=False, init=1, seed=3)", mlp.Spec);
        Assert.Equal(
            ["layers.0.linear.weight", "layers.1.linear.weight", "layers.2.linear.weight"],
            mlp.named_parameters().Select(p => p.name)
        );
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Gelu)]
    [InlineData(Activation.Selu)]
    [InlineData(Activation.Linear)]
    public void Each_activation_applies_its_function(Activation activation)
    {
        using var scope = NewDisposeScope();
        var mlp = new Mlp([3, 4, 2], activation, seed: 0);
        var x = randn(5, 3, generator: new Generator(3));
        var pre = x.matmul(mlp.Linears[0].weight!.t()) + mlp.Linears[0].bias!;
        var post = activation switch
        {
            Activation.Relu => pre.relu(),
            Activation.Tanh => pre.tanh(),
            Activation.Gelu => pre * 0.5 * (1 + (pre / Math.Sqrt(2)).erf()),
            Activation.Selu => 1.0507009873554805
                * where(pre > 0, pre, 1.6732632423543772 * (pre.exp() - 1)),
            _ => pre,
        };
        var expected = post.matmul(mlp.Linears[1].weight!.t()) + mlp.Linears[1].bias!;
        Assert.True(mlp.call(x).allclose(expected, 0, 1e-5));
    }

    [Fact]
    public void Wrong_input_shapes_are_refused_naming_the_expected_shape()
    {
        var e = Assert.Throws<NeuroKitException>(() => new Mlp([64, 10]).call(zeros(3, 63)));
        Assert.Contains("samples x 64", e.Message);
        e = Assert.Throws<NeuroKitException>(() =>
            new Cnn(imageSize: 8, channels: [2]).call(zeros(3, 1, 7, 7))
        );
        Assert.Contains("1 x 8 x 8", e.Message);
        e = Assert.Throws<NeuroKitException>(() => new EmbeddingMlp(5).call(zeros(3, 2)));
        Assert.Contains("int64 tokens", e.Message);
        e = Assert.Throws<NeuroKitException>(() => new Mlp([64]));
        Assert.Contains("widths", e.Message);
    }

    [Fact]
    public void A_cnn_and_an_embedding_mlp_produce_logits_of_the_right_shape_deterministically()
    {
        var cnn = new Cnn(imageSize: 28, seed: 4);
        Assert.Equal([3L, 10], cnn.call(zeros(3, 1, 28, 28)).shape);
        Assert.Equal(32 * 7 * 7, cnn.FlatFeatures);
        Assert.True(
            cnn.parameters()
                .First()
                .allclose(new Cnn(imageSize: 28, seed: 4).parameters().First(), 0, 0)
        );
        var emb = new EmbeddingMlp(13, embeddingDimension: 8, hidden: [16], seed: 2);
        Assert.Equal([4L, 13], emb.call(zeros(4, 2, dtype: ScalarType.Int64)).shape);
        Assert.True(
            emb.EmbeddingWeight.allclose(
                new EmbeddingMlp(13, embeddingDimension: 8, hidden: [16], seed: 2).EmbeddingWeight,
                0,
                0
            )
        );
    }
}
