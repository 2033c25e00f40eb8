namespace NeuroKit.Data;

/// <summary>A training part and a test part of a dataset; deconstructs as <c>var (train, test) = ...</c>.</summary>
/// <param name="Train">The samples to train on.</param>
/// <param name="Test">The held-out samples.</param>
public sealed record DataSplit(Dataset Train, Dataset Test) : IDisposable
{
    /// <summary>Frees both parts.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
