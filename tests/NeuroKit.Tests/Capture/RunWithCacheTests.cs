using NeuroKit.Capture;
using NeuroKit.Errors;
using NeuroKit.Models;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Capture;

public class RunWithCacheTests
{
    // Capture stores what the forward pass computed; a manual recomputation in float32 agrees to rounding.
    private const double Tolerance = 1e-5;

    private static Tensor Input(int rows, int cols, int seed = 0) =>
        randn(rows, cols, generator: new Generator((ulong)seed));

    [Fact]
    public void Activations_match_a_manual_forward_pass_through_the_linear_layers()
    {
        using var scope = NewDisposeScope();
        var mlp = new Mlp([5, 7, 6, 3], Activation.Tanh, seed: 2);
        var x = Input(11, 5);
        var (output, cache) = mlp.RunWithCache(x);
        using (cache)
        {
            Assert.Equal(
                ["layers.0.pre", "layers.0.post", "layers.1.pre", "layers.1.post", "layers.2.pre"],
                cache.Names
            );
            Assert.Equal(mlp.ActivationNames, cache.Names);
            var h = x;
            for (var i = 0; i < 3; i++)
            {
                var lin = mlp.Linears[i];
                var pre = h.matmul(lin.weight!.t()) + lin.bias!;
                Assert.True(
                    cache[$"layers.{i}.pre"].allclose(pre, 0, Tolerance),
                    $"layers.{i}.pre differs"
                );
                if (i < 2)
                {
                    h = pre.tanh();
                    Assert.True(
                        cache[$"layers.{i}.post"].allclose(h, 0, Tolerance),
                        $"layers.{i}.post differs"
                    );
                }
                else
                    Assert.True(output.allclose(pre, 0, Tolerance));
            }
            Assert.True(output.allclose(mlp.call(x), 0, 0));
            Assert.False(cache["layers.0.pre"].requires_grad);
        }
    }

    [Fact]
    public void A_filter_by_name_list_or_predicate_records_only_those_activations()
    {
        var mlp = new Mlp([4, 8, 8, 2], seed: 1);
        var x = Input(3, 4);
        using (var c = mlp.RunWithCache(x, "layers.1.post").Cache)
            Assert.Equal(["layers.1.post"], c.Names);
        using (var c = mlp.RunWithCache(x, ["layers.2.pre", "layers.0.pre"]).Cache)
            Assert.Equal(["layers.0.pre", "layers.2.pre"], c.Names); // forward order
        using (
            var c = mlp.RunWithCache(x, n => n.EndsWith(".post", StringComparison.Ordinal)).Cache
        )
            Assert.Equal(["layers.0.post", "layers.1.post"], c.Names);
    }

    [Fact]
    public void An_unknown_name_is_refused_listing_the_nearest_names()
    {
        var mlp = new Mlp([4, 8, 2], seed: 1);
        var e = Assert.Throws<NeuroKitException>(() =>
            mlp.RunWithCache(Input(2, 4), "layers.0.pst")
        );
        Assert.Contains("'layers.0.pst'", e.Message);
        Assert.Contains("nearest: layers.0.post", e.Message);
        using var cache = mlp.RunWithCache(Input(2, 4)).Cache;
        e = Assert.Throws<NeuroKitException>(() => cache["layers.1.post"]);
        Assert.Contains("layers.1.pre", e.Message);
    }

    [Fact]
    public void Hooks_are_removed_after_the_call_so_an_earlier_cache_is_never_overwritten()
    {
        var mlp = new Mlp([4, 8, 2], seed: 1);
        var x1 = Input(2, 4, seed: 1);
        using var first = mlp.RunWithCache(x1).Cache;
        var before = first["layers.0.pre"].clone();
        mlp.call(Input(2, 4, seed: 2));
        using var second = mlp.RunWithCache(Input(2, 4, seed: 3)).Cache;
        Assert.True(first["layers.0.pre"].allclose(before, 0, 0));
        Assert.False(second["layers.0.pre"].allclose(before, 0, 0));
    }

    [Fact]
    public void The_cache_outlives_the_dispose_scope_it_was_made_in_and_frees_its_tensors_on_dispose()
    {
        var mlp = new Mlp([4, 8, 2], seed: 1);
        ActivationCache cache;
        using (NewDisposeScope())
            cache = mlp.RunWithCache(Input(5, 4)).Cache;
        Assert.Equal([5L, 8], cache["layers.0.post"].shape);
        var held = cache["layers.0.post"];
        cache.Dispose();
        Assert.True(held.IsInvalid);
    }

    [Fact]
    public void Printing_the_cache_lists_names_and_shapes()
    {
        var mlp = new Mlp([4, 8, 2], seed: 1);
        using var cache = mlp.RunWithCache(Input(5, 4)).Cache;
        var text = cache.ToString();
        Assert.Contains("3 activation(s)", text);
        Assert.Contains("layers.0.post  [5, 8]", text);
        Assert.Contains("layers.1.pre   [5, 2]", text);
    }

    [Fact]
    public void A_plain_sequential_without_hook_points_exposes_every_leaf_module_by_path()
    {
        using var seq = nn.Sequential(
            ("lin", nn.Linear(3, 4)),
            ("relu", nn.ReLU()),
            ("out", nn.Linear(4, 2))
        );
        var x = Input(2, 3);
        var (output, cache) = seq.RunWithCache(x);
        using (cache)
        {
            Assert.Equal(["lin", "relu", "out"], cache.Names);
            Assert.True(cache["out"].allclose(output, 0, 0));
            Assert.True(cache["relu"].allclose(cache["lin"].relu(), 0, 0));
        }
    }

    [Fact]
    public void Convolutional_and_embedding_models_name_their_activations()
    {
        var cnn = new Cnn(imageSize: 8, channels: [4, 6], hidden: [5], classes: 3, seed: 0);
        using (var c = cnn.RunWithCache(Input(2, 64)).Cache)
        {
            Assert.Equal(cnn.ActivationNames, c.Names);
            Assert.Equal([2L, 4, 8, 8], c["conv.0.pre"].shape);
            Assert.Equal([2L, 6, 4, 4], c["conv.1.post"].shape);
            Assert.Equal([2L, 5], c["fc.0.post"].shape);
            Assert.Equal([2L, 3], c["fc.1.pre"].shape);
            Assert.True(c["conv.0.post"].allclose(c["conv.0.pre"].relu(), 0, 0));
        }
        var emb = new EmbeddingMlp(7, embeddingDimension: 3, hidden: [5], seed: 0);
        var tokens = tensor(new long[] { 1, 2, 6, 0 }, [2, 2]);
        using (var c = emb.RunWithCache(tokens).Cache)
        {
            Assert.Equal(["embedded", "layers.0.pre", "layers.0.post", "layers.1.pre"], c.Names);
            // embedded = concatenated embedding rows of the two tokens
            Assert.True(
                c["embedded"]
                    [0]
                    .allclose(cat([emb.EmbeddingWeight[1], emb.EmbeddingWeight[2]]), 0, 0)
            );
        }
    }

    [Fact]
    public void With_gradients_the_output_keeps_its_graph_while_cached_tensors_stay_detached()
    {
        var mlp = new Mlp([4, 8, 2], seed: 1);
        var x = Input(3, 4).requires_grad_(true);
        var (output, cache) = mlp.RunWithCache(x, withGradients: true);
        using (cache)
        {
            output.sum().backward();
            Assert.NotNull(x.grad);
            Assert.False(cache["layers.0.post"].requires_grad);
        }
    }

    [Fact]
    public void Concurrent_captures_on_one_model_see_only_their_own_input()
    {
        var mlp = new Mlp([4, 16, 2], seed: 1);
        var inputs = Enumerable.Range(0, 8).Select(i => Input(3, 4, seed: i)).ToArray();
        var expected = inputs.Select(x => mlp.call(x)).ToArray();
        Parallel.For(
            0,
            8,
            i =>
            {
                var (output, cache) = mlp.RunWithCache(inputs[i], "layers.1.pre");
                using (cache)
                    Assert.True(cache["layers.1.pre"].allclose(expected[i], 0, 0));
            }
        );
    }
}
