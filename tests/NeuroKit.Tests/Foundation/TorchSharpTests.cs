using NeuroKit.Diagnostics;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Foundation;

public class TorchSharpTests
{
    [Fact]
    public void TorchSharp_loads_and_computes_the_singular_values_of_a_known_matrix()
    {
        // A = [[3, 1, 1], [-1, 3, 1]]: A A^T = [[11, 1], [1, 11]] has eigenvalues 12 and 10.
        Assert.True(Doctor.SvdSelfTest() < 1e-12);
    }

    [Fact]
    public void TorchSharp_reconstructs_a_matrix_from_its_svd()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var a = randn(6, 4, dtype: ScalarType.Float64);
        var (u, s, vh) = linalg.svd(a, fullMatrices: false);
        var back = u.matmul(diag(s)).matmul(vh);
        Assert.True((back - a).abs().max().item<double>() < 1e-12);
    }

    [Fact]
    public void The_compat_shim_is_present_exactly_where_libstdcxx_lacks_the_required_version()
    {
        // On Debian 12 the build must have patched this output folder; elsewhere it must have left it alone.
        Assert.Equal(TorchSharpCompat.IsNeeded(), TorchSharpCompat.IsShimPresent());
    }

    [Fact]
    public void Doctor_reports_a_healthy_torch_and_the_shipped_digits()
    {
        var checks = Doctor.Run();
        Assert.Equal(CheckStatus.Ok, checks.Single(c => c.Name == "TorchSharp").Status);
        Assert.Equal(CheckStatus.Ok, checks.Single(c => c.Name == "Digits (8x8)").Status);
        Assert.All(
            checks.Where(c => c.Status != CheckStatus.Ok),
            c => Assert.False(string.IsNullOrWhiteSpace(c.Fix))
        );
    }
}
