#:project ../src/NeuroKit/NeuroKit.csproj
// SVCCA between two networks trained from different seeds on the 8x8 digits (Raghu et al. 2017), layer by
// layer, against a control computed in the same run: the same comparison with an untrained network.
//
//   dotnet run examples/svcca.cs [-- EPOCHS [SEED_A SEED_B]]     (defaults: 10 epochs, seeds 0 and 1)
//
// Trained layers should be far more alike across seeds than either is to the untrained control.
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
var untrained = new Mlp(widths, seed: seedB + 1000);
var (_, cacheA) = a.Model.RunWithCache(test.Features);
var (_, cacheB) = b.Model.RunWithCache(test.Features);
var (_, cacheU) = untrained.RunWithCache(test.Features);

var svcca = new Svcca(SvdKeep.Variance(0.99));
Console.WriteLine(
    $"test accuracy: seed {seedA} {a.Final("test_accuracy"):P1}, seed {seedB} {b.Final("test_accuracy"):P1} ({epochs} epochs)"
);
Console.WriteLine($"{"layer", -14} {"trained vs trained", 18} {"trained vs untrained", 21}");
var wins = 0;
string[] layers = ["layers.0.post", "layers.1.post", "layers.2.pre"];
foreach (var layer in layers)
{
    var across = svcca.Compare(cacheA[layer], cacheB[layer]).Value;
    var control = svcca.Compare(cacheA[layer], cacheU[layer]).Value;
    wins += across > control ? 1 : 0;
    Console.WriteLine($"{layer, -14} {across, 18:F3} {control, 21:F3}");
}
Console.WriteLine(
    wins == layers.Length
        ? "Every layer is more alike across seeds than to the untrained control."
        : $"Only {wins} of {layers.Length} layers are more alike across seeds than to the untrained control."
);
return wins == layers.Length ? 0 : 1;
