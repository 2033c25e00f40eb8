using NeuroKit.Capture;
using NeuroKit.Errors;
using NeuroKit.Models;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Capture;

public class RunWithHooksTests
{
    // A 2-2-1 ReLU net with hand-set weights, so every expected output below is computed by hand:
    // W0 = [[1, 2], [3, -1]], b0 = [0.5, -1], W1 = [[2, -3]], b1 = [1].
    // x = [1, 1]: pre0 = [3.5, 1], post0 = [3.5, 1], output = 2*3.5 - 3*1 + 1 = 5.
    // x = [0, -1]: pre0 = [-1.5, 0], post0 = [0, 0], output = 1.
    private static Mlp HandNet()
    {
        var mlp = new Mlp([2, 2, 1], seed: 0);
        using var _ = no_grad();
        mlp.Linears[0].weight!.copy_(tensor(new float[] { 1, 2, 3, -1 }, [2, 2]));
        mlp.Linears[0].bias!.copy_(tensor(new float[] { 0.5f, -1 }));
        mlp.Linears[1].weight!.copy_(tensor(new float[] { 2, -3 }, [1, 2]));
        mlp.Linears[1].bias!.copy_(tensor(new float[] { 1 }));
        return mlp;
    }

    private static Tensor X() => tensor(new float[] { 1, 1, 0, -1 }, [2, 2]);

    private static float[] Values(Tensor t) => t.detach().reshape(-1).data<float>().ToArray();

    [Fact]
    public void Without_hooks_the_hand_net_gives_the_hand_computed_output()
    {
        var mlp = HandNet();
        Assert.Equal([5f, 1f], Values(mlp.call(X())));
    }

    [Fact]
    public void Zeroing_a_unit_removes_exactly_its_contribution()
    {
        var mlp = HandNet();
        // unit 0 off: output = -3*1 + 1 = -2 (second sample: 1); unit 1 off: 2*3.5 + 1 = 8.
        Assert.Equal(
            [-2f, 1f],
            Values(mlp.RunWithHooks(X(), ("layers.0.post", ActivationHooks.ZeroUnits(0))))
        );
        Assert.Equal(
            [8f, 1f],
            Values(mlp.RunWithHooks(X(), ("layers.0.post", ActivationHooks.ZeroUnits(1))))
        );
        Assert.Equal(
            [1f, 1f],
            Values(mlp.RunWithHooks(X(), ("layers.0.post", ActivationHooks.ZeroUnits(0, 1))))
        );
    }

    [Fact]
    public void Replacing_layers_0_post_with_a_given_tensor_feeds_it_to_the_next_layer()
    {
        var mlp = HandNet();
        // [1, 1] -> 2 - 3 + 1 = 0; [2, 0] -> 4 + 1 = 5.
        var replacement = tensor(new float[] { 1, 1, 2, 0 }, [2, 2]);
        var output = mlp.RunWithHooks(X(), ("layers.0.post", ActivationHooks.Replace(replacement)));
        Assert.Equal([0f, 5f], Values(output));
    }

    [Fact]
    public void A_hook_before_the_nonlinearity_is_seen_through_it()
    {
        var mlp = HandNet();
        // pre0 replaced by [-1, 2] -> relu [0, 2] -> -6 + 1 = -5 for both samples.
        var output = mlp.RunWithHooks(
            X(),
            ("layers.0.pre", pre => tensor(new float[] { -1, 2, -1, 2 }, [2, 2]))
        );
        Assert.Equal([-5f, -5f], Values(output));
    }

    [Fact]
    public void Patching_a_unit_from_another_run_copies_only_that_unit()
    {
        var mlp = HandNet();
        var source = mlp.Capture(tensor(new float[] { 0, -1, 1, 1 }, [2, 2]), "layers.0.post");
        Assert.Equal([0f, 0f, 3.5f, 1f], Values(source));
        // Sample 0 takes unit 0 from the source (0): post [0, 1] -> -3 + 1 = -2.
        // Sample 1 takes unit 0 = 3.5: post [3.5, 0] -> 7 + 1 = 8.
        var output = mlp.RunWithHooks(
            X(),
            ("layers.0.post", ActivationHooks.PatchUnits(source, 0))
        );
        Assert.Equal([-2f, 8f], Values(output));
    }

    [Fact]
    public void Several_hooks_on_one_name_compose_in_the_order_given()
    {
        var mlp = HandNet();
        // (post + 1) * 2 = [9, 4] -> 18 - 12 + 1 = 7; reversed: post*2 + 1 = [8, 3] -> 16 - 9 + 1 = 8.
        var a = mlp.RunWithHooks(
            X()[..1],
            ("layers.0.post", t => t + 1),
            ("layers.0.post", t => t * 2)
        );
        var b = mlp.RunWithHooks(
            X()[..1],
            ("layers.0.post", t => t * 2),
            ("layers.0.post", t => t + 1)
        );
        Assert.Equal([7f], Values(a));
        Assert.Equal([8f], Values(b));
    }

    [Fact]
    public void Hooks_are_removed_after_the_call_also_when_a_hook_throws()
    {
        var mlp = HandNet();
        mlp.RunWithHooks(X(), ("layers.0.post", ActivationHooks.ZeroUnits(0)));
        Assert.Equal([5f, 1f], Values(mlp.call(X())));
        Assert.Throws<InvalidTimeZoneException>(() =>
            mlp.RunWithHooks(
                X(),
                ("layers.0.pre", t => t * 0),
                ("layers.0.post", _ => throw new InvalidTimeZoneException())
            )
        );
        Assert.Equal([5f, 1f], Values(mlp.call(X())));
        using var cache = mlp.RunWithCache(X()).Cache;
        Assert.Equal([3.5f, 1f, -1.5f, 0f], Values(cache["layers.0.pre"]));
    }

    [Fact]
    public void Unknown_names_are_refused_before_running_listing_the_nearest_names()
    {
        var mlp = HandNet();
        var ran = false;
        var e = Assert.Throws<NeuroKitException>(() =>
            mlp.RunWithHooks(
                X(),
                (
                    "layers.0.pre",
                    t =>
                    {
                        ran = true;
                        return t;
                    }
                ),
                ("layers.0.pst", t => t)
            )
        );
        Assert.Contains("'layers.0.pst'", e.Message);
        Assert.Contains("nearest: layers.0.post", e.Message);
        Assert.False(ran);
        Assert.Throws<NeuroKitException>(() => mlp.RunWithHooks(X()));
        Assert.Throws<NeuroKitException>(() =>
            mlp.RunWithHooks(X(), ("layers.0.post", _ => null!))
        );
    }

    [Fact]
    public void Ready_made_hooks_refuse_mismatched_units_and_shapes()
    {
        var mlp = HandNet();
        var e = Assert.Throws<NeuroKitException>(() =>
            mlp.RunWithHooks(X(), ("layers.0.post", ActivationHooks.ZeroUnits(2)))
        );
        Assert.Contains("2 units", e.Message);
        e = Assert.Throws<NeuroKitException>(() =>
            mlp.RunWithHooks(X(), ("layers.0.post", ActivationHooks.Replace(zeros(3, 2))))
        );
        Assert.Contains("[3, 2]", e.Message);
        Assert.Throws<NeuroKitException>(() => ActivationHooks.ZeroUnits());
        Assert.Equal([5f, 1f], Values(mlp.call(X())));
    }

    [Fact]
    public void A_model_without_hook_points_is_hooked_through_its_leaf_modules()
    {
        using var seq = nn.Sequential(
            ("lin", nn.Linear(3, 4)),
            ("relu", nn.ReLU()),
            ("out", nn.Linear(4, 2))
        );
        var x = randn(5, 3, generator: new Generator(3));
        var output = seq.RunWithHooks(x, ("relu", t => zeros_like(t)));
        // With the hidden layer zeroed the output is the last layer's bias for every sample.
        var bias = ((TorchSharp.Modules.Linear)seq.named_children().Last().module).bias!;
        Assert.True(output.allclose(bias.expand(5, 2), 0, 0));
        Assert.False(seq.call(x).allclose(output));
    }

    [Fact]
    public void Gradients_flow_into_parameters_used_inside_a_hook()
    {
        // A stitching-like use: a trainable scale applied to layers.0.post is learned through the rest of the net.
        var mlp = HandNet();
        var scale = ones(2).requires_grad_(true);
        var output = mlp.RunWithHooks(X()[..1], ("layers.0.post", t => t * scale));
        output.sum().backward();
        // d output / d scale_j = W1[j] * post0[j] = [2 * 3.5, -3 * 1].
        Assert.Equal([7f, -3f], Values(scale.grad!));
    }

    [Fact]
    public void Capture_returns_one_detached_activation_owned_by_the_callers_scope()
    {
        var mlp = new Mlp([4, 8, 8, 3], seed: 4);
        var x = randn(6, 4, generator: new Generator(1)).requires_grad_(true);
        Tensor captured;
        using (var scope = NewDisposeScope())
        {
            captured = mlp.Capture(x, "layers.1.post");
            using var cache = mlp.RunWithCache(x, "layers.1.post").Cache;
            Assert.True(captured.allclose(cache["layers.1.post"], 0, 0));
            Assert.False(captured.requires_grad);
            Assert.Equal([6L, 8], captured.shape);
        }
        Assert.True(captured.IsInvalid);
        var e = Assert.Throws<NeuroKitException>(() => mlp.Capture(x, "layers.1.postt"));
        Assert.Contains("nearest: layers.1.post", e.Message);
    }
}
