using System.Globalization;
using System.Text;
using NeuroKit.Errors;

namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// An immutable layers x layers matrix of similarity values: entry [i, j] compares layer i of one model (rows)
/// with layer j of another (columns), or of the same model for a within-model matrix.
/// </summary>
public sealed class LayerMatrix
{
    private readonly double[,] _values;

    /// <summary>Wraps a copy of <paramref name="values"/> (rows: layers of model a, columns: layers of model b).</summary>
    /// <exception cref="NeuroKitException">The matrix is not square or does not match the layer names.</exception>
    public LayerMatrix(IReadOnlyList<string> layers, double[,] values)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(0) != layers.Count || values.GetLength(1) != layers.Count)
            throw new NeuroKitException(
                $"values is {values.GetLength(0)} x {values.GetLength(1)} but there are {layers.Count} layers; a layer matrix is layers x layers."
            );
        Layers = layers.ToArray();
        _values = (double[,])values.Clone();
    }

    /// <summary>The layer names, in row (and column) order.</summary>
    public IReadOnlyList<string> Layers { get; }

    /// <summary>Number of layers (rows = columns).</summary>
    public int Count => Layers.Count;

    /// <summary>Entry [i, j]: layer i of the row model against layer j of the column model.</summary>
    public double this[int i, int j] => _values[i, j];

    /// <summary>A copy of the values as an array (for charts such as <c>Plot.Heatmap</c>).</summary>
    public double[,] ToArray() => (double[,])_values.Clone();

    /// <summary>The diagonal: each layer against the same layer.</summary>
    public IReadOnlyList<double> Diagonal =>
        Enumerable.Range(0, Count).Select(i => _values[i, i]).ToArray();

    /// <summary>Rows as text, three decimals.</summary>
    public override string ToString()
    {
        var s = new StringBuilder();
        for (var i = 0; i < Count; i++)
        {
            s.Append(Layers[i]).Append(':');
            for (var j = 0; j < Count; j++)
                s.Append(' ').Append(_values[i, j].ToString("F3", CultureInfo.InvariantCulture));
            if (i + 1 < Count)
                s.AppendLine();
        }
        return s.ToString();
    }
}
