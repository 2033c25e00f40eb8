using NeuroKit.Notebooks;

namespace NeuroKit.Cli.Notebooks;

/// <summary>What <c>display(value)</c> returns in a notebook run by <c>neurokit run</c>: <see cref="Update"/> replaces the output.</summary>
public sealed class DisplayedValue : IUpdatableDisplay
{
    private readonly Action<object?> _update;

    internal DisplayedValue(Action<object?> update) => _update = update;

    /// <summary>Replaces the displayed output with <paramref name="value"/>, formatted the same way.</summary>
    public void Update(object? value) => _update(value);

    void IUpdatableDisplay.Update(object value) => _update(value);
}
