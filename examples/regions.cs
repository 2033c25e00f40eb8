#:project ../src/NeuroKit/NeuroKit.csproj
// Exact linear-region counts of random ReLU networks on a 2-D box as width grows, beside the upper bounds
// for the whole input plane (Zaslavsky for one hidden layer; Serra et al. 2018 for deeper nets).
//
//   dotnet run examples/regions.cs [-- SEED]
//
// A count on a box can never exceed a bound for the whole plane; the run fails if one does.
using NeuroKit.Analysis.Regions;

var seed = args.Length > 0 ? int.Parse(args[0]) : 0;
var box = new Box2D(-3, 3, -3, 3);
Console.WriteLine($"{"hidden widths", -14} {"regions on box", 15} {"bound (plane)", 14}");
var ok = true;
foreach (
    int[] hidden in new[]
    {
        new[] { 4 },
        new[] { 8 },
        new[] { 16 },
        new[] { 8, 8 },
        new[] { 16, 16 },
    }
)
{
    var net = ReluNetwork.Random(seed, [2, .. hidden, 1]);
    var count = RegionCounter.Count(net, box, RegionDefinition.LinearRegions).Count;
    var bound =
        hidden.Length == 1
            ? RegionBounds.Zaslavsky(2, hidden[0])
            : RegionBounds.Serra2018(2, hidden);
    ok &= count <= bound;
    Console.WriteLine($"{string.Join("-", hidden), -14} {count, 15} {bound, 14}");
}
Console.WriteLine(
    ok
        ? "Every count is within its bound."
        : "A count exceeds its bound: a bug in the counter or the bound."
);
return ok ? 0 : 1;
