namespace NeuroKit.Cli.Notebooks;

/// <summary>HTML markup to show as is (what the notebook helper <c>HTML("...")</c> returns).</summary>
/// <param name="Html">The markup.</param>
public sealed record HtmlString(string Html)
{
    /// <summary>The markup.</summary>
    public override string ToString() => Html;
}
