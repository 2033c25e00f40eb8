namespace NeuroKit.Cli.Notebooks;

/// <summary>The nbformat cell types.</summary>
public enum NotebookCellKind
{
    /// <summary>A code cell (<c>"cell_type": "code"</c>); in a Polyglot notebook its kernel is in the cell metadata.</summary>
    Code,

    /// <summary>A markdown cell.</summary>
    Markdown,

    /// <summary>A raw cell (never executed).</summary>
    Raw,
}
