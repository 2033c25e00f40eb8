using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeuroKit.Notebooks;

namespace NeuroKit.Tests.Notebooks;

public class PolyglotKernelDisplayTests
{
    // A stand-in for the kernel's assembly with the two members the adapter calls by reflection:
    // static Kernel.display(object, params string[]) returning a DisplayedValue with Update(object).
    private const string FakeKernel = """
        namespace Microsoft.DotNet.Interactive
        {
            public class DisplayedValue
            {
                public static System.Collections.Generic.List<string> Log = new System.Collections.Generic.List<string>();
                public void Update(object value) => Log.Add("update " + value);
            }

            public class Kernel
            {
                public static DisplayedValue display(object value, params string[] mimeTypes)
                {
                    DisplayedValue.Log.Add("display " + value);
                    return new DisplayedValue();
                }
            }
        }
        """;

    [Fact]
    public void Library_output_goes_to_the_Polyglot_kernel_through_reflection_when_it_is_loaded()
    {
        _ = PolyglotKernelDisplay.Current; // settle the process-wide lookup before the stand-in exists
        var compilation = CSharpCompilation.Create(
            "Microsoft.DotNet.Interactive",
            [CSharpSyntaxTree.ParseText(FakeKernel)],
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator)
                .Where(p =>
                    Path.GetFileName(p)
                        is "System.Runtime.dll"
                            or "System.Private.CoreLib.dll"
                            or "System.Collections.dll"
                )
                .Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        );
        using var image = new MemoryStream();
        Assert.True(compilation.Emit(image).Success);
        image.Position = 0;
        var context = new AssemblyLoadContext("fake-polyglot-kernel", isCollectible: true);
        var kernel = context.LoadFromStream(image);

        var display = PolyglotKernelDisplay.FindIn([typeof(object).Assembly, kernel]);
        Assert.NotNull(display);
        display.Show("epoch 1").Update("epoch 2");
        var log = (System.Collections.IList)
            kernel
                .GetType("Microsoft.DotNet.Interactive.DisplayedValue")!
                .GetField("Log")!
                .GetValue(null)!;
        Assert.Equal(["display epoch 1", "update epoch 2"], log.Cast<string>());
        Assert.Null(PolyglotKernelDisplay.FindIn([typeof(object).Assembly]));
        context.Unload();
    }
}
