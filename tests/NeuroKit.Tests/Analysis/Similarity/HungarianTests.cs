using NeuroKit.Analysis.Similarity;

namespace NeuroKit.Tests.Analysis.Similarity;

/// <summary>Issue 13 item 2: the assignment terminates, and is optimal, on any finite costs.</summary>
public class HungarianTests
{
    private static double Total(double[,] cost, int[] assignment) =>
        assignment.Select((j, i) => cost[i, j]).Sum();

    /// <summary>The optimum by trying every injective assignment (small sizes only).</summary>
    private static double BruteForce(double[,] cost)
    {
        var n = cost.GetLength(0);
        var m = cost.GetLength(1);
        var best = double.PositiveInfinity;
        void Search(int row, bool[] used, double sum)
        {
            if (row == n)
            {
                best = Math.Min(best, sum);
                return;
            }
            for (var j = 0; j < m; j++)
            {
                if (used[j])
                    continue;
                used[j] = true;
                Search(row + 1, used, sum + cost[row, j]);
                used[j] = false;
            }
        }
        Search(0, new bool[m], 0);
        return best;
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-200)]
    [InlineData(5e-324)]
    [InlineData(1)]
    [InlineData(1e300)]
    public async Task Tiny_huge_and_tied_costs_are_assigned_optimally_without_spinning(double scale)
    {
        var random = new Random(7);
        for (var trial = 0; trial < 20; trial++)
        {
            var n = 1 + random.Next(5);
            var m = n + random.Next(3);
            var cost = new double[n, m];
            for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
                // Values from a small set: many exact ties.
                cost[i, j] = scale * (random.Next(3) - 1);
            var assignment = await Task.Run(() => Hungarian.Solve(cost))
                .WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(n, assignment.Distinct().Count());
            Assert.Equal(BruteForce(cost) / scale, Total(cost, assignment) / scale, 1e-9);
        }
    }

    [Fact]
    public void All_equal_costs_and_costs_spanning_the_whole_double_range_terminate()
    {
        var tied = new double[6, 6];
        Assert.Equal(6, Hungarian.Solve(tied).Distinct().Count());
        var wide = new double[,]
        {
            { double.MaxValue, -double.MaxValue },
            { -double.MaxValue, double.MaxValue },
        };
        Assert.Equal([1, 0], Hungarian.Solve(wide));
    }

    [Fact]
    public void A_nan_cost_is_refused_instead_of_looping_forever()
    {
        var cost = new double[,]
        {
            { 0, double.NaN },
            { 1, 2 },
        };
        Assert.Throws<ArgumentException>(() => Hungarian.Solve(cost));
    }

    [Fact]
    public async Task Matching_on_data_scaled_by_1e_minus200_terminates_with_the_unscaled_value()
    {
        var (x, y) = SimilarityData.Pair(new Random(3), 60, 8, 8);
        var tiny = SimilarityData.Map(x, v => v * 1e-200);
        var tinyY = SimilarityData.Map(y, v => v * 1e-200);
        var value = await Task.Run(() => new UnitMatching().Compare(tiny, tinyY).Value)
            .WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new UnitMatching().Compare(x, y).Value, value, 1e-9);
    }
}
