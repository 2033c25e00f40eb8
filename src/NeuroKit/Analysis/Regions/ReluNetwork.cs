using NeuroKit.Errors;

namespace NeuroKit.Analysis.Regions;

/// <summary>
/// A fully connected ReLU network with plain float64 weights: layers (W, b) with W of shape out x in (as in
/// PyTorch's <c>Linear</c>), ReLU after every layer but the last, and a linear last layer. Inputs are samples x
/// neurons; a single input is a vector of length <see cref="InputDimension"/>. This is the form the exact region
/// enumeration (<see cref="RegionCounter"/>) works on; build it from arrays, a JSON, .npz or PyTorch checkpoint file
/// (ReluNetwork.Io.cs, ReluNetwork.StateDict.cs), a NeuroKit <c>Mlp</c> or TorchSharp <c>Linear</c> layers
/// (ReluNetwork.FromMlp.cs). This file holds the network's maths.
/// </summary>
public sealed partial class ReluNetwork
{
    private readonly double[][,] _weights;
    private readonly double[][] _biases;

    /// <summary>Creates a network from weights (each out x in) and biases (each of length out), in layer order.</summary>
    /// <param name="weights">Layer weights, layer l of shape n_{l+1} x n_l; the in size of each layer is the out size of the previous one.</param>
    /// <param name="biases">Layer biases, one per layer, of length n_{l+1}.</param>
    /// <exception cref="NeuroKitException">Shapes do not chain, a value is not finite, or there is no layer.</exception>
    public ReluNetwork(IReadOnlyList<double[,]> weights, IReadOnlyList<double[]> biases)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        if (weights.Count == 0)
            throw new NeuroKitException(
                "weights is empty; a ReLU network needs at least one layer (the linear output layer)."
            );
        if (weights.Count != biases.Count)
            throw new NeuroKitException(
                $"weights has {weights.Count} layers but biases has {biases.Count}; give one bias vector per layer."
            );
        _weights = new double[weights.Count][,];
        _biases = new double[weights.Count][];
        for (var l = 0; l < weights.Count; l++)
        {
            var w = weights[l] ?? throw new NeuroKitException($"weights[{l}] is null.");
            var b = biases[l] ?? throw new NeuroKitException($"biases[{l}] is null.");
            if (w.GetLength(0) == 0 || w.GetLength(1) == 0)
                throw new NeuroKitException(
                    $"weights[{l}] has shape [{w.GetLength(0)}, {w.GetLength(1)}]; every layer needs at least one input and one output."
                );
            if (b.Length != w.GetLength(0))
                throw new NeuroKitException(
                    $"biases[{l}] has length {b.Length} but weights[{l}] has {w.GetLength(0)} rows (out x in); the bias length must equal the layer's out size."
                );
            if (l > 0 && w.GetLength(1) != _weights[l - 1].GetLength(0))
                throw new NeuroKitException(
                    $"weights[{l}] has {w.GetLength(1)} columns but layer {l - 1} has {_weights[l - 1].GetLength(0)} outputs; weights are out x in (as in PyTorch), transposed?"
                );
            Guard.Finite(w, $"weights[{l}]");
            for (var i = 0; i < b.Length; i++)
                if (!double.IsFinite(b[i]))
                    throw new NeuroKitException(
                        $"biases[{l}][{i}] is {b[i]}; NaN and infinite values are not allowed."
                    );
            _weights[l] = (double[,])w.Clone();
            _biases[l] = (double[])b.Clone();
        }
    }

    /// <summary>Input dimension n_0 (columns of the first weight).</summary>
    public int InputDimension => _weights[0].GetLength(1);

    /// <summary>Output dimension (rows of the last weight).</summary>
    public int OutputDimension => _weights[^1].GetLength(0);

    /// <summary>Number of layers, the linear output layer included.</summary>
    public int LayerCount => _weights.Length;

    /// <summary>Widths of the hidden (ReLU) layers n_1 .. n_L, i.e. the out sizes of every layer but the last.</summary>
    public IReadOnlyList<int> HiddenWidths =>
        _weights.Take(_weights.Length - 1).Select(w => w.GetLength(0)).ToArray();

    /// <summary>Layer sizes from input to output joined by '-', e.g. "2-32-32-1".</summary>
    public string Architecture =>
        $"{InputDimension}-{string.Join("-", _weights.Select(w => w.GetLength(0)))}";

    /// <summary>Total number of hidden (ReLU) neurons N = n_1 + ... + n_L.</summary>
    public int HiddenNeuronCount => HiddenWidths.Sum();

    /// <summary>A copy of layer <paramref name="layer"/>'s weight, out x in.</summary>
    public double[,] Weight(int layer) => (double[,])_weights[CheckLayer(layer)].Clone();

    /// <summary>A copy of layer <paramref name="layer"/>'s bias, of length out.</summary>
    public double[] Bias(int layer) => (double[])_biases[CheckLayer(layer)].Clone();

    internal double[,] WeightRef(int layer) => _weights[layer];

    internal double[] BiasRef(int layer) => _biases[layer];

    /// <summary>Evaluates the network at one input.</summary>
    /// <param name="input">A vector of length <see cref="InputDimension"/>.</param>
    /// <returns>The output vector, of length <see cref="OutputDimension"/>.</returns>
    public double[] Evaluate(IReadOnlyList<double> input) => Forward(input, null);

    /// <summary>
    /// The activation pattern at one input: for every hidden neuron, in layer order, whether its pre-activation is
    /// strictly positive (a neuron at exactly zero counts as off, since relu(0) = 0).
    /// </summary>
    /// <param name="input">A vector of length <see cref="InputDimension"/>.</param>
    /// <returns>A vector of length <see cref="HiddenNeuronCount"/>.</returns>
    public bool[] Pattern(IReadOnlyList<double> input)
    {
        var pattern = new bool[HiddenNeuronCount];
        Forward(input, pattern);
        return pattern;
    }

    private double[] Forward(IReadOnlyList<double> input, bool[]? pattern)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Count != InputDimension)
            throw new NeuroKitException(
                $"input has length {input.Count}; the network expects {InputDimension} inputs."
            );
        var h = input.ToArray();
        var offset = 0;
        for (var l = 0; l < _weights.Length; l++)
        {
            var w = _weights[l];
            var z = new double[w.GetLength(0)];
            for (var i = 0; i < z.Length; i++)
            {
                var s = _biases[l][i];
                for (var j = 0; j < h.Length; j++)
                    s += w[i, j] * h[j];
                z[i] = s;
            }
            if (l < _weights.Length - 1)
                for (var i = 0; i < z.Length; i++)
                {
                    if (pattern is not null)
                        pattern[offset + i] = z[i] > 0;
                    z[i] = z[i] > 0 ? z[i] : 0;
                }
            offset += z.Length;
            h = z;
        }
        return h;
    }

    /// <summary>
    /// The output as an affine function of the input on the region with activation pattern
    /// <paramref name="pattern"/>: f(x) = W x + b with W of shape out x in.
    /// </summary>
    /// <param name="pattern">On/off for every hidden neuron in layer order, length <see cref="HiddenNeuronCount"/>.</param>
    public (double[,] Weight, double[] Bias) AffineMap(IReadOnlyList<bool> pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Count != HiddenNeuronCount)
            throw new NeuroKitException(
                $"pattern has length {pattern.Count}; the network has {HiddenNeuronCount} hidden neurons."
            );
        var d = InputDimension;
        var m = (double[,])_weights[0].Clone();
        var c = (double[])_biases[0].Clone();
        var offset = 0;
        for (var l = 1; l < _weights.Length; l++)
        {
            var w = _weights[l];
            int rows = w.GetLength(0),
                inner = w.GetLength(1);
            var m2 = new double[rows, d];
            var c2 = (double[])_biases[l].Clone();
            for (var j = 0; j < inner; j++)
            {
                if (!pattern[offset + j])
                    continue;
                for (var i = 0; i < rows; i++)
                {
                    var wij = w[i, j];
                    if (wij == 0)
                        continue;
                    c2[i] += wij * c[j];
                    for (var k = 0; k < d; k++)
                        m2[i, k] += wij * m[j, k];
                }
            }
            offset += inner;
            m = m2;
            c = c2;
        }
        return (m, c);
    }

    private int CheckLayer(int layer)
    {
        if (layer < 0 || layer >= _weights.Length)
            throw new NeuroKitException(
                $"layer is {layer}; the network has layers 0..{_weights.Length - 1}."
            );
        return layer;
    }

    /// <summary>Describes the architecture, e.g. "ReluNetwork 2-32-32-1 (2 hidden ReLU layer(s), 64 hidden neurons)".</summary>
    public override string ToString() =>
        $"ReluNetwork {InputDimension}-{string.Join("-", _weights.Select(w => w.GetLength(0)))} ({_weights.Length - 1} hidden ReLU layer(s), {HiddenNeuronCount} hidden neurons)";

    /// <summary>
    /// A seeded random network with PyTorch's default <c>Linear</c> initialisation: weights and biases uniform in
    /// ±1/sqrt(fan_in), drawn from <c>System.Random(seed)</c>.
    /// </summary>
    /// <param name="seed">Seed of the random generator.</param>
    /// <param name="sizes">Layer sizes from input to output, e.g. 2, 32, 32, 1 (at least two).</param>
    public static ReluNetwork Random(int seed, params int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length < 2 || sizes.Any(s => s <= 0))
            throw new NeuroKitException(
                $"sizes is [{string.Join(", ", sizes)}]; give at least an input and an output size, all positive (e.g. 2, 32, 32, 1)."
            );
        var rng = new System.Random(seed);
        var weights = new List<double[,]>();
        var biases = new List<double[]>();
        for (var l = 0; l + 1 < sizes.Length; l++)
        {
            var bound = 1 / Math.Sqrt(sizes[l]);
            var w = new double[sizes[l + 1], sizes[l]];
            var b = new double[sizes[l + 1]];
            for (var i = 0; i < sizes[l + 1]; i++)
            {
                for (var j = 0; j < sizes[l]; j++)
                    w[i, j] = (2 * rng.NextDouble() - 1) * bound;
                b[i] = (2 * rng.NextDouble() - 1) * bound;
            }
            weights.Add(w);
            biases.Add(b);
        }
        return new ReluNetwork(weights, biases);
    }

    /// <summary>
    /// Telgarsky's tent-map network of depth <paramref name="depth"/>: <paramref name="depth"/> hidden layers of two
    /// ReLUs computing t(y) = 2 relu(y) - 4 relu(y - 1/2), composed <paramref name="depth"/> times, on a 1-D input.
    /// On [0, 1] it is the sawtooth with exactly 2^depth affine pieces and breakpoints j / 2^depth.
    /// </summary>
    /// <remarks>M. Telgarsky, "Benefits of depth in neural networks", COLT 2016.</remarks>
    /// <param name="depth">Number of tent compositions (hidden layers), at least 1.</param>
    public static ReluNetwork TelgarskyTent(int depth)
    {
        if (depth < 1)
            throw new NeuroKitException($"depth is {depth}; the tent network needs depth >= 1.");
        var weights = new List<double[,]>
        {
            new double[,]
            {
                { 1 },
                { 1 },
            },
        };
        var biases = new List<double[]> { new[] { 0, -0.5 } };
        for (var l = 1; l < depth; l++)
        {
            weights.Add(
                new double[,]
                {
                    { 2, -4 },
                    { 2, -4 },
                }
            );
            biases.Add(new[] { 0, -0.5 });
        }
        weights.Add(
            new double[,]
            {
                { 2, -4 },
            }
        );
        biases.Add(new double[] { 0 });
        return new ReluNetwork(weights, biases);
    }
}
