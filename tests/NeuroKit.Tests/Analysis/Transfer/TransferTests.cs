using NeuroKit.Analysis.Transfer;
using NeuroKit.Data;
using NeuroKit.Errors;
using NeuroKit.Models;
using NeuroKit.Training;
using static TorchSharp.torch;

namespace NeuroKit.Tests.Analysis.Transfer;

/// <summary>
/// Yosinski et al.'s layer transfer (frozen copies stay equal to the base, fine-tuned ones move, new layers do
/// not start from the base), the class/label/sample splits, and the relative classifier's stitching.
/// </summary>
public class TransferTests
{
    private static Dataset SmallDigits() => Digits.Load().ToDataset().Sample(300, seed: 5);

    private static TrainingOptions Quick =>
        new()
        {
            Epochs = 2,
            BatchSize = 64,
            ShowProgress = false,
            UseCache = false,
        };

    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    [Fact]
    public void Class_subset_relabels_and_keeps_only_those_classes()
    {
        using var data = SmallDigits();
        using var half = TransferData.ClassSubset(data, [7, 3]);
        var original = data.LabelsArray();
        Assert.Equal(original.Count(l => l is 7 or 3), (int)half.Count);
        Assert.Equal(2, half.ClassCount);
        Assert.Equal(original.Count(l => l == 7), half.LabelsArray().Count(l => l == 0));
        Assert.Throws<NeuroKitException>(() => TransferData.ClassSubset(data, []));
    }

    [Fact]
    public void Shuffled_labels_keep_the_label_counts_and_halves_are_disjoint()
    {
        using var data = SmallDigits();
        using var shuffled = TransferData.ShuffledLabels(data, seed: 1);
        Assert.Equal(data.LabelsArray().Order(), shuffled.LabelsArray().Order());
        Assert.NotEqual(data.LabelsArray(), shuffled.LabelsArray());
        var (a, b) = TransferData.DisjointHalves(data, seed: 2);
        Assert.Equal(data.Count, a.Count + b.Count);
        var rowsA = a.FeaturesArray();
        var rowsB = b.FeaturesArray();
        // Each sample of the digits subset is distinct, so no row of one half appears in the other.
        var keys = Enumerable
            .Range(0, rowsA.GetLength(0))
            .Select(i => string.Join(",", Enumerable.Range(0, 64).Select(j => rowsA[i, j])))
            .ToHashSet();
        Assert.DoesNotContain(
            Enumerable
                .Range(0, rowsB.GetLength(0))
                .Select(i => string.Join(",", Enumerable.Range(0, 64).Select(j => rowsB[i, j]))),
            keys.Contains
        );
    }

    [Fact]
    public void Frozen_copies_stay_equal_to_the_base_and_fine_tuned_copies_move()
    {
        using var data = SmallDigits();
        using var baseNet = new Mlp([64, 16, 16, 10], seed: 1);
        Trainer.Train(baseNet, data, Quick).Dispose();
        using var frozen = LayerTransfer.Train(
            baseNet,
            copied: 2,
            fineTune: false,
            data,
            Quick,
            seed: 9
        );
        var f = (Mlp)frozen.Model;
        Assert.True(Same(f.Linears[0].weight!, baseNet.Linears[0].weight!));
        Assert.True(Same(f.Linears[1].bias!, baseNet.Linears[1].bias!));
        Assert.False(Same(f.Linears[2].weight!, baseNet.Linears[2].weight!));
        Assert.All(f.parameters(), p => Assert.True(p.requires_grad));
        using var tuned = LayerTransfer.Train(
            baseNet,
            copied: 2,
            fineTune: true,
            data,
            Quick,
            seed: 9
        );
        Assert.False(Same(((Mlp)tuned.Model).Linears[0].weight!, baseNet.Linears[0].weight!));
        Assert.Throws<NeuroKitException>(() =>
            LayerTransfer.Train(baseNet, copied: 3, fineTune: false, data, Quick, seed: 9)
        );
    }

    [Fact]
    public void Freeze_training_keeps_frozen_layers_from_their_freeze_epoch_and_the_control_trains_everything()
    {
        using var data = SmallDigits();
        using var once = new Mlp([64, 16, 10], seed: 2);
        var oneEpoch = FreezeTraining.Train(
            once,
            once.Linears,
            data,
            Quick with
            {
                Epochs = 1,
            },
            [1, FreezeTraining.Never]
        );
        using var model = new Mlp([64, 16, 10], seed: 2);
        var result = FreezeTraining.Train(
            model,
            model.Linears,
            data,
            Quick with
            {
                Epochs = 3,
            },
            [1, FreezeTraining.Never]
        );
        // Layer 0 was frozen after epoch 1, so it equals the one-epoch run's; layer 1 kept training.
        Assert.True(Same(model.Linears[0].weight!, once.Linears[0].weight!));
        Assert.False(Same(model.Linears[1].weight!, once.Linears[1].weight!));
        var total = 64 * 16 + 16 + 16 * 10 + 10;
        Assert.Equal(
            (total + 2.0 * (total - 64 * 16 - 16)) / (3.0 * total),
            result.TrainedShare,
            12
        );
        Assert.Equal([1, 3], result.SegmentEnds);
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
        using var control = new Mlp([64, 16, 10], seed: 2);
        var full = FreezeTraining.Train(
            control,
            control.Linears,
            data,
            Quick with
            {
                Epochs = 3,
            },
            [1, FreezeTraining.Never],
            freeze: false
        );
        Assert.Equal(1, full.TrainedShare);
        Assert.False(Same(control.Linears[0].weight!, once.Linears[0].weight!));
        Assert.Single(oneEpoch.SegmentTestAccuracy);
        Assert.Equal(
            [1, 6, FreezeTraining.Never],
            FreezeTraining.BottomUp(3, firstEpoch: 1, every: 5)
        );
        Assert.Throws<NeuroKitException>(() =>
            FreezeTraining.Train(model, model.Linears, data, Quick, [1])
        );
    }

    [Fact]
    public void A_relative_classifier_stitched_to_itself_is_the_net_alone()
    {
        using var data = SmallDigits();
        using var anchors = data.Sample(20, seed: 3);
        using var a = new RelativeClassifier(
            [64, 16, 8],
            anchors.Features,
            10,
            relative: true,
            center: true,
            seed: 1
        );
        using var b = new RelativeClassifier(
            [64, 16, 8],
            anchors.Features,
            10,
            relative: true,
            center: true,
            seed: 2
        );
        Trainer.Train(a, data, Quick).Dispose();
        Assert.Equal(
            Trainer.Evaluate(a, data).Accuracy,
            RelativeClassifier.StitchedAccuracy(a, a, data),
            12
        );
        Assert.InRange(RelativeClassifier.StitchedAccuracy(a, b, data), 0, 1);
        using var codes = a.Codes(data.Features);
        Assert.Equal([300L, 20L], codes.shape);
        Assert.True(codes.abs().max().item<float>() <= 1 + 1e-5); // cosines
        using var absolute = new RelativeClassifier(
            [64, 16, 8],
            anchors.Features,
            10,
            relative: false,
            seed: 1
        );
        Assert.Throws<NeuroKitException>(() =>
            RelativeClassifier.StitchedAccuracy(a, absolute, data)
        );
    }
}
