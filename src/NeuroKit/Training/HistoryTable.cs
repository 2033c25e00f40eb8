using Microsoft.Data.Analysis;

namespace NeuroKit.Training;

/// <summary>
/// Builds the history DataFrame from the rows the trainer recorded: <c>step</c> (Int64), <c>epoch</c> (Int32), every
/// other column Double, with missing or NaN entries as nulls, columns in order of first appearance.
/// </summary>
internal static class HistoryTable
{
    internal static DataFrame Build(IReadOnlyList<IReadOnlyDictionary<string, double>> rows)
    {
        var names = new List<string>();
        foreach (var r in rows)
        foreach (var k in r.Keys)
            if (!names.Contains(k))
                names.Add(k);
        var columns = new List<DataFrameColumn>();
        foreach (var name in names)
        {
            if (name is "step")
                columns.Add(new Int64DataFrameColumn(name, rows.Select(r => (long?)r[name])));
            else if (name is "epoch")
                columns.Add(new Int32DataFrameColumn(name, rows.Select(r => (int?)r[name])));
            else
                columns.Add(
                    new DoubleDataFrameColumn(
                        name,
                        rows.Select(r =>
                            r.TryGetValue(name, out var v) && !double.IsNaN(v) ? v : (double?)null
                        )
                    )
                );
        }
        return new DataFrame(columns);
    }
}
