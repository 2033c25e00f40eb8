using NeuroKit.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroKit.Devices;

/// <summary>
/// Where models, data and analyses compute: <c>cpu</c> or <c>cuda</c> (<c>cuda:N</c>). Notebooks take it as a
/// <c>device</c> parameter; <c>neurokit run --device</c> and <c>neurokit sweep --device</c> set it for a whole
/// run through the environment variable <see cref="EnvironmentVariable"/>, which <see cref="Default"/> reads.
/// </summary>
/// <remarks>
/// NeuroKit references TorchSharp-cpu, the TorchSharp runtime every platform can restore. CUDA needs the CUDA
/// build of libtorch instead (TorchSharp-cuda-linux or TorchSharp-cuda-windows, same TorchSharp version) and an
/// NVIDIA driver; asking for <c>cuda</c> without it fails with a message that says so, never silently on the CPU.
/// </remarks>
public static class ComputeDevice
{
    /// <summary>The environment variable holding the run's device (set by <c>neurokit run --device</c>).</summary>
    public const string EnvironmentVariable = "NEUROKIT_DEVICE";

    /// <summary>The run's device: <see cref="EnvironmentVariable"/> when set, else the CPU.</summary>
    public static Device Default =>
        Resolve(
            Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } name
                ? name
                : "cpu"
        );

    /// <summary>Parses and checks a device name: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <exception cref="NeuroKitException">An unknown name, or CUDA where this process cannot use it.</exception>
    public static Device Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Trim().ToLowerInvariant();
        if (text == "cpu")
            return CPU;
        if (text == "cuda" || text.StartsWith("cuda:", StringComparison.Ordinal))
        {
            var index = 0;
            if (text.Length > 5 && !int.TryParse(text[5..], out index) || index < 0)
                throw new NeuroKitException(
                    $"device '{name}' names no CUDA device; write cuda or cuda:N (N = 0, 1, ...)"
                );
            if (!cuda.is_available())
                throw new NeuroKitException(
                    $"device '{name}': CUDA is not available in this process. NeuroKit runs on TorchSharp-cpu here; for a GPU, reference "
                        + "TorchSharp-cuda-linux (Linux) or TorchSharp-cuda-windows (Windows), version 0.107.0, instead of TorchSharp-cpu "
                        + "(in the notebook's #r \"nuget: ...\" line or the project), with an NVIDIA driver for CUDA 12; or use device cpu"
                );
            if (index >= cuda.device_count())
                throw new NeuroKitException(
                    $"device '{name}': this machine has {cuda.device_count()} CUDA device(s) (cuda:0..cuda:{cuda.device_count() - 1})"
                );
            return new Device(DeviceType.CUDA, index);
        }
        throw new NeuroKitException($"device '{name}' is unknown; use cpu, cuda or cuda:N");
    }
}
