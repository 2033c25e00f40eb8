namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// The Hungarian algorithm (Kuhn 1955, Munkres 1957) in its O(n² m) shortest-augmenting-path form with
/// row and column potentials: a minimum-cost assignment of every row of an n x m cost matrix (n ≤ m) to a
/// distinct column.
/// </summary>
/// <remarks>
/// Termination: each pass of the inner loop marks one more column as used, so a row is inserted after at
/// most m passes, provided every pass finds an unused column of finite slack. That holds for finite costs;
/// with a NaN every comparison is false, no column is found and the textbook loop spins forever (issue 13:
/// matching on data scaled by 1e-200 produced NaN correlations). So costs are checked to be finite, shifted
/// to start at 0 and scaled by a power of two to magnitude below 1 (which changes no assignment and keeps
/// tiny or huge costs away from underflow and overflow), and a pass that finds no column is an error.
/// </remarks>
internal static class Hungarian
{
    /// <summary>Returns, for each row, its assigned column.</summary>
    public static int[] Solve(double[,] cost)
    {
        var n = cost.GetLength(0);
        var m = cost.GetLength(1);
        if (n > m)
            throw new ArgumentException(
                "cost must have at most as many rows as columns",
                nameof(cost)
            );
        var low = double.PositiveInfinity;
        var high = double.NegativeInfinity;
        foreach (var c in cost)
        {
            if (!double.IsFinite(c))
                throw new ArgumentException(
                    "every cost must be finite (a NaN or infinite cost has no optimal assignment)",
                    nameof(cost)
                );
            low = Math.Min(low, c);
            high = Math.Max(high, c);
        }
        // The spread high - low can overflow for costs near ±double.MaxValue; then both ends are halved first.
        var halve = !double.IsFinite(high - low);
        var spread = halve ? high / 2 - low / 2 : high - low;
        // ScaleB per entry: a factor 2^e alone would overflow for subnormal spreads (e up to 1076).
        var exponent = spread > 0 ? -(Math.ILogB(spread) + 2) : 0;
        var a = new double[n, m];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < m; j++)
            a[i, j] = Math.ScaleB(halve ? cost[i, j] / 2 - low / 2 : cost[i, j] - low, exponent);
        // 1-based arrays; column 0 is a virtual column holding the row being inserted.
        var u = new double[n + 1];
        var v = new double[m + 1];
        var rowOfColumn = new int[m + 1];
        var way = new int[m + 1];
        for (var row = 1; row <= n; row++)
        {
            rowOfColumn[0] = row;
            var column = 0;
            var minSlack = new double[m + 1];
            var used = new bool[m + 1];
            Array.Fill(minSlack, double.PositiveInfinity);
            var passes = 0;
            do
            {
                used[column] = true;
                var i = rowOfColumn[column];
                var delta = double.PositiveInfinity;
                var next = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                        continue;
                    var slack = a[i - 1, j - 1] - u[i] - v[j];
                    if (slack < minSlack[j])
                    {
                        minSlack[j] = slack;
                        way[j] = column;
                    }
                    if (minSlack[j] < delta)
                    {
                        delta = minSlack[j];
                        next = j;
                    }
                }
                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minSlack[j] -= delta;
                    }
                }
                if (next == 0 || ++passes > m)
                    throw new InvalidOperationException(
                        $"the assignment made no progress on row {row} (costs in [{low}, {high}]); this is a bug, please report it with the input."
                    );
                column = next;
            } while (rowOfColumn[column] != 0);
            do
            {
                var previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            } while (column != 0);
        }
        var assignment = new int[n];
        for (var j = 1; j <= m; j++)
            if (rowOfColumn[j] != 0)
                assignment[rowOfColumn[j] - 1] = j - 1;
        return assignment;
    }
}
