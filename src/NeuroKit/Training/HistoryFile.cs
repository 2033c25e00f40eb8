using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Analysis;

namespace NeuroKit.Training;

/// <summary>The history DataFrame as JSON (column name, type, values; null for missing entries), for the run cache.</summary>
internal static class HistoryFile
{
    internal static void Write(string path, DataFrame history)
    {
        var columns = new JsonArray();
        foreach (var col in history.Columns)
        {
            var values = new JsonArray();
            for (long i = 0; i < col.Length; i++)
                values.Add(
                    col[i] is null
                        ? null
                        : JsonValue.Create(Convert.ToDouble(col[i], CultureInfo.InvariantCulture))
                );
            columns.Add(
                new JsonObject
                {
                    ["name"] = col.Name,
                    ["type"] = col.DataType.Name,
                    ["values"] = values,
                }
            );
        }
        File.WriteAllText(path, new JsonObject { ["columns"] = columns }.ToJsonString());
    }

    internal static DataFrame Read(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var columns = new List<DataFrameColumn>();
        foreach (var c in root["columns"]!.AsArray())
        {
            var name = (string)c!["name"]!;
            var values = c["values"]!
                .AsArray()
                .Select(v => v is null ? (double?)null : (double)v)
                .ToList();
            columns.Add(
                (string)c["type"]! switch
                {
                    "Int64" => new Int64DataFrameColumn(name, values.Select(v => (long?)v)),
                    "Int32" => new Int32DataFrameColumn(name, values.Select(v => (int?)v)),
                    _ => new DoubleDataFrameColumn(name, values),
                }
            );
        }
        return new DataFrame(columns);
    }
}
