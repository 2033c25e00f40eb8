using NeuroKit.Errors;
using static TorchSharp.torch;

namespace NeuroKit.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul, Vollgraf 2017; MIT licence): 28x28 grey images of 10 clothing classes, 60,000
/// for training and 10,000 for testing, read from the four IDX .gz files found by <see cref="FashionMnistFiles"/>.
/// </summary>
public static class FashionMnist
{
    /// <summary>The class names, index = label.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
    [
        "T-shirt/top",
        "Trouser",
        "Pullover",
        "Dress",
        "Coat",
        "Sandal",
        "Shirt",
        "Sneaker",
        "Bag",
        "Ankle boot",
    ];

    /// <summary>
    /// Loads one part of Fashion-MNIST as a dataset: features float32 samples x 1 x 28 x 28 (or samples x 784 when
    /// <paramref name="flatten"/>), scaled to 0..1; labels int64 0..9.
    /// </summary>
    /// <param name="train">True for the 60,000 training images, false for the 10,000 test images.</param>
    /// <param name="limit">Keep only a seeded random subset of this many images (null: all).</param>
    /// <param name="seed">Seed of the subset.</param>
    /// <param name="flatten">Return samples x 784 instead of samples x 1 x 28 x 28.</param>
    /// <param name="folder">The folder holding the IDX files; null searches as <see cref="FashionMnistFiles.FindFolder"/>.</param>
    /// <exception cref="NeuroKitException">The files are absent, truncated or inconsistent; the message has the fix.</exception>
    public static Dataset Load(
        bool train = true,
        int? limit = null,
        int seed = 0,
        bool flatten = false,
        string? folder = null
    )
    {
        folder ??=
            FashionMnistFiles.FindFolder()
            ?? throw new NeuroKitException(
                $"Fashion-MNIST was not found (searched $NEUROKIT_DATA/fashion-mnist, data/fashion-mnist and {FashionMnistFiles.DebianFolder}); {FashionMnistFiles.InstallHint}."
            );
        var prefix = train ? "train" : "t10k";
        var imagesPath = Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz");
        var labelsPath = Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz");
        foreach (var p in new[] { imagesPath, labelsPath })
            if (!File.Exists(p))
                throw new NeuroKitException(
                    $"The Fashion-MNIST file '{p}' is missing; {FashionMnistFiles.InstallHint}."
                );
        try
        {
            return FromFiles(
                imagesPath,
                labelsPath,
                limit,
                seed,
                flatten,
                $"fashion-mnist {prefix}"
            );
        }
        catch (NeuroKitException e)
            when (!e.Message.Contains(FashionMnistFiles.InstallHint, StringComparison.Ordinal))
        {
            throw new NeuroKitException($"{e.Message} ({FashionMnistFiles.InstallHint}.)", e);
        }
    }

    /// <summary>
    /// Reads an images file and a labels file in IDX format (any image size, labels 0..9) into a dataset
    /// scaled to 0..1. Checks that both hold the same number of samples and that labels lie in 0..9.
    /// </summary>
    public static Dataset FromFiles(
        string imagesPath,
        string labelsPath,
        int? limit = null,
        int seed = 0,
        bool flatten = false,
        string name = "idx images"
    )
    {
        var (imgDims, pixels) = IdxReader.Read(imagesPath, 3);
        var (lblDims, labels) = IdxReader.Read(labelsPath, 1);
        if (imgDims[0] != lblDims[0])
            throw new NeuroKitException(
                $"'{imagesPath}' holds {imgDims[0]} images but '{labelsPath}' holds {lblDims[0]} labels; the files do not belong together."
            );
        var bad = Array.FindIndex(labels, l => l > 9);
        if (bad >= 0)
            throw new NeuroKitException(
                $"'{labelsPath}' has label {labels[bad]} at position {bad}; labels must be 0..9."
            );
        int n = imgDims[0],
            h = imgDims[1],
            w = imgDims[2];
        if (limit is { } k && (k < 1 || k > n))
            throw new NeuroKitException($"limit must be between 1 and {n}; got {k}.");
        using var scope = NewDisposeScope();
        var x = tensor(pixels, ScalarType.Byte)
            .reshape(n, 1, h, w)
            .to_type(ScalarType.Float32)
            .div_(255f);
        if (flatten)
            x = x.reshape(n, h * w);
        var y = tensor(labels, ScalarType.Byte).to_type(ScalarType.Int64);
        var all = new Dataset(x, y, $"{name} ({n} samples)", 10);
        if (limit is null || limit == n)
            return all;
        using (all)
            return all.Sample(limit.Value, seed);
    }
}
