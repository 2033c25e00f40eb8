using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NeuroKit.Notebooks.KernelIntegration;

/// <summary>
/// Runs <see cref="KernelSupport.Initialize"/> the first time anything in NeuroKit is used, which in a notebook
/// is before the first TorchSharp computation that goes through NeuroKit: a kernel loads referenced assemblies
/// lazily, so no cell has to call anything.
/// </summary>
internal static class NeuroKitModuleInitializer
{
    [ModuleInitializer]
    [SuppressMessage(
        "Usage",
        "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "TorchSharp's native library must be arranged before TorchSharp's loader runs, and a notebook kernel offers no other hook when an assembly is referenced by path."
    )]
    internal static void Run() => KernelSupport.Initialize();
}
