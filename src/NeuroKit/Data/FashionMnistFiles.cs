namespace NeuroKit.Data;

/// <summary>
/// Where the Fashion-MNIST IDX files are: <c>fashion-mnist/</c> under the data folders
/// (<see cref="DataLocator"/>), then <c>/usr/share/datasets/fashion-mnist</c> (Debian package
/// <c>dataset-fashion-mnist</c>).
/// </summary>
public static class FashionMnistFiles
{
    /// <summary>The four file names of the dataset.</summary>
    public static readonly IReadOnlyList<string> FileNames =
    [
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
    ];

    /// <summary>The system folder installed by Debian's <c>dataset-fashion-mnist</c> package.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The exact command that installs the dataset on Debian and Ubuntu.</summary>
    public const string InstallHint =
        "install it with 'sudo apt-get install dataset-fashion-mnist', or put the four IDX .gz files in $NEUROKIT_DATA/fashion-mnist";

    /// <summary>The folder holding all four files, or null when none does.</summary>
    public static string? FindFolder()
    {
        var candidates = DataLocator
            .SearchRoots()
            .Select(r => Path.Combine(r, "fashion-mnist"))
            .Append(DebianFolder);
        return candidates.FirstOrDefault(dir =>
            FileNames.All(f => File.Exists(Path.Combine(dir, f)))
        );
    }
}
