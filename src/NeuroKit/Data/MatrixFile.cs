using System.Globalization;
using NeuroKit.Errors;

namespace NeuroKit.Data;

/// <summary>
/// Reads a 2D numeric matrix (rows = samples, columns = neurons) from a file: NumPy <c>.npy</c>
/// (see <see cref="NpyFile"/>) or CSV (any other extension): one row per line, comma-separated numbers,
/// no header, every row the same length.
/// </summary>
public static class MatrixFile
{
    /// <summary>Reads <paramref name="path"/>, choosing the format by extension (.npy, else CSV).</summary>
    /// <param name="path">The file.</param>
    public static double[,] Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new NeuroKitException(
                $"{path}: file not found. Pass a CSV (one row per sample, no header) or a .npy file."
            );
        return Path.GetExtension(path).Equals(".npy", StringComparison.OrdinalIgnoreCase)
            ? NpyFile.Read(path)
            : ReadCsv(path);
    }

    /// <summary>Reads a CSV matrix: one row per line, comma-separated numbers, no header; blank lines are skipped.</summary>
    /// <param name="path">The file.</param>
    public static double[,] ReadCsv(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new NeuroKitException($"{path}: file not found.");
        var rows = new List<double[]>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var cells = line.Split(',');
            var row = new double[cells.Length];
            for (var j = 0; j < cells.Length; j++)
                if (
                    !double.TryParse(
                        cells[j].Trim(),
                        NumberStyles.Float,
                        CultureInfo.InvariantCulture,
                        out row[j]
                    )
                )
                    throw new NeuroKitException(
                        $"{path}: line {lineNumber}, column {j + 1}: '{cells[j].Trim()}' is not a number. The CSV must hold only numbers (no header row), one row per sample."
                    );
            if (rows.Count > 0 && row.Length != rows[0].Length)
                throw new NeuroKitException(
                    $"{path}: line {lineNumber} has {row.Length} values, the first row has {rows[0].Length}; every row (sample) needs one value per neuron."
                );
            rows.Add(row);
        }
        if (rows.Count == 0)
            throw new NeuroKitException($"{path}: the file has no rows.");
        var result = new double[rows.Count, rows[0].Length];
        for (var i = 0; i < rows.Count; i++)
        for (var j = 0; j < rows[0].Length; j++)
            result[i, j] = rows[i][j];
        return result;
    }
}
