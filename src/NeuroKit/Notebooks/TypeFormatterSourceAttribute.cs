namespace NeuroKit.Notebooks;

/// <summary>
/// The convention the .NET Interactive kernel (Polyglot Notebooks) recognises by name: a type carrying an
/// attribute called <c>TypeFormatterSourceAttribute</c> whose <c>FormatterSourceType</c> creates formatters
/// (objects with <c>MimeType</c> and <c>bool Format(object, TextWriter)</c>). It lets NeuroKit types render in
/// VS Code and in <c>neurokit run</c> (which hosts the same kernel) without referencing the kernel.
/// </summary>
[AttributeUsage(
    AttributeTargets.Class | AttributeTargets.Struct,
    AllowMultiple = false,
    Inherited = true
)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[] PreferredMimeTypes { get; set; } = ["text/html"];
}
