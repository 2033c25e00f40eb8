namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// The Hungarian algorithm (Kuhn 1955, Munkres 1957) in its O(n² m) shortest-augmenting-path form with
/// row and column potentials: a minimum-cost assignment of every row of an n x m cost matrix (n ≤ m) to a
/// distinct column.
/// </summary>
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
                    var slack = cost[i - 1, j - 1] - u[i] - v[j];
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
