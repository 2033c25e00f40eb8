namespace NeuroKit.Analysis.Similarity;

/// <summary>
/// One matched pair of units: neuron <see cref="X"/> of the first representation and neuron <see cref="Y"/>
/// of the second (column indices of the samples x neurons inputs, before any neuron was dropped), with the
/// Pearson correlation of their activations over the samples.
/// </summary>
/// <param name="X">Neuron (column) index in the first representation.</param>
/// <param name="Y">Neuron (column) index in the second representation.</param>
/// <param name="Correlation">Pearson correlation of the two neurons' activations, in [-1, 1].</param>
public sealed record UnitPair(int X, int Y, double Correlation);
