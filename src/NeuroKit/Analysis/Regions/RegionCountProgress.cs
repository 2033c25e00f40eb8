namespace NeuroKit.Analysis.Regions;

/// <summary>Where an exact enumeration is: the hidden layer being split (1-based) and the activation pieces so far.</summary>
/// <param name="Layer">The hidden layer whose neurons are splitting pieces, 1 .. <paramref name="LayerCount"/>.</param>
/// <param name="LayerCount">Number of hidden layers.</param>
/// <param name="Pieces">Activation pieces made so far in this layer (finished pieces of earlier layers are split further).</param>
/// <param name="PiecesBefore">Pieces the previous layer left, all of which this layer splits.</param>
public sealed record RegionCountProgress(int Layer, int LayerCount, int Pieces, int PiecesBefore);
