#:project ../src/NeuroKit/NeuroKit.csproj
// SVCCA between two networks trained from different seeds on the 8x8 digits (Raghu et al. 2017), layer by
// layer, against a control computed in the same run: the same comparison with two untrained networks (two
// seeds, so the control's own spread shows). A layer counts only when it clears both.
//
//   dotnet run examples/svcca.cs [-- EPOCHS [SEED_A SEED_B]]     (defaults: 10 epochs, seeds 0 and 1)
//
// Lower layers barely clear the control (they stay close to a projection of the input); the output layer
// clears it by far. Exit code 1 when the output layer does not (the check CI runs).
using NeuroKit.Analysis.Similarity;
using NeuroKit.Capture;
using NeuroKit.Data;
using NeuroKit.Models;
using NeuroKit.Training;

var epochs = args.Length > 0 ? int.Parse(args[0]) : 10;
var (seedA, seedB) = args.Length > 2 ? (int.Parse(args[1]), int.Parse(args[2])) : (0, 1);
int[] widths = [Digits.FeatureCount, 64, 64, Digits.ClassCount];

var (train, test) = Digits.Load().ToDataset(scaleToUnit: true).Split(testFraction: 0.25, seed: 0);
TrainingResult Train(int seed) =>
    Trainer.TrainCached(
        () => new Mlp(widths, seed: seed),
        train,
        new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = 64,
            LearningRate = 0.01,
            Seed = seed,
            Evaluation = test,
            ShowProgress = false,
        }
    );

using var a = Train(seedA);
using var b = Train(seedB);

// Two untrained nets: the control, and its spread (how much the control itself moves with the seed).
var (_, cacheA) = a.Model.RunWithCache(test.Features);
var (_, cacheB) = b.Model.RunWithCache(test.Features);
var (_, cacheU1) = new Mlp(widths, seed: seedB + 1000).RunWithCache(test.Features);
var (_, cacheU2) = new Mlp(widths, seed: seedB + 2000).RunWithCache(test.Features);

var svcca = new Svcca(SvdKeep.Variance(0.99));
Console.WriteLine(
    $"test accuracy: seed {seedA} {a.Final("test_accuracy"):P1}, seed {seedB} {b.Final("test_accuracy"):P1} ({epochs} epochs)"
);
Console.WriteLine(
    $"{"layer", -14} {"trained vs trained", 18} {"vs untrained (2 seeds)", 23} {"counts", 7}"
);
var counted = new List<bool>();
string[] layers = ["layers.0.post", "layers.1.post", "layers.2.pre"];
foreach (var layer in layers)
{
    var across = svcca.Compare(cacheA[layer], cacheB[layer]).Value;
    var c1 = svcca.Compare(cacheA[layer], cacheU1[layer]).Value;
    var c2 = svcca.Compare(cacheA[layer], cacheU2[layer]).Value;
    // An ordering counts only when it clears every control seed, not just their mean.
    counted.Add(across > Math.Max(c1, c2));
    Console.WriteLine(
        $"{layer, -14} {across, 18:F3} {$"{c1:F3} / {c2:F3}", 23} {(counted[^1] ? "yes" : "no"), 7}"
    );
}

// Raghu et al.: lower layers stay close to a (random) projection of the input, so the control is high there;
// the output layer is where training makes two seeds agree.
Console.WriteLine(
    counted[^1]
        ? $"The output layer is more alike across seeds than to either untrained control; {counted.Count(c => c)} of {layers.Length} layers are."
        : "The output layer is NOT more alike across seeds than to an untrained control: training did not converge?"
);
return counted[^1] ? 0 : 1;
