using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NeuroKit.Analysis.Regions;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Commands.Regions;

/// <summary>
/// <c>neurokit regions NET (--box | --segment | --plane) [--definition activation|linear|affine] [--json]</c>:
/// exact region counts of a ReLU network (JSON, .npz, PyTorch .pt/.bin or .safetensors weights) on a box, segment or plane slice. Without
/// <c>--definition</c> it prints all three definitions, each labelled; the JSON then carries the linear-region
/// count at the top level (<c>definition</c>, <c>count</c>) and a <c>results</c> array with one
/// <c>{definition, count, ...}</c> object per definition.
/// </summary>
public static class RegionsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var symbols = new Symbols();
        var command = new Command(
            "regions",
            "Count the linear regions of a ReLU network exactly on a segment, a 2-D box or a plane slice, under a named definition"
        );
        command.Arguments.Add(symbols.Network);
        foreach (
            var option in new Option[]
            {
                symbols.Box,
                symbols.SegmentOption,
                symbols.Plane,
                symbols.PlaneMargin,
                symbols.Definition,
                symbols.Json,
                symbols.List,
                symbols.MaxRegions,
            }
        )
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var network = ReluNetwork.Load(parse.GetValue(symbols.Network)!);
            var domain = ParseDomain(
                parse.GetValue(symbols.Box),
                parse.GetValue(symbols.SegmentOption),
                parse.GetValue(symbols.Plane),
                parse.GetValue(symbols.PlaneMargin)
            );
            var definitions = parse.GetValue(symbols.Definition) switch
            {
                "activation" => [RegionDefinition.ActivationRegions],
                "linear" => [RegionDefinition.LinearRegions],
                "affine" => [RegionDefinition.DistinctAffineFunctions],
                _ => new[]
                {
                    RegionDefinition.ActivationRegions,
                    RegionDefinition.LinearRegions,
                    RegionDefinition.DistinctAffineFunctions,
                },
            };
            var maxRegions = parse.GetValue(symbols.MaxRegions);
            if (maxRegions < 1)
                throw new NeuroKitException(
                    $"--max-regions is {maxRegions}; give a positive number of activation pieces (default {DefaultMaxRegions:N0})."
                );
            var progress = new StderrProgress(parse.InvocationConfiguration.Error);
            var results = RegionCounter.CountEach(
                network,
                domain,
                new RegionCountOptions(maxRegions, progress),
                definitions
            );
            progress.Done();
            var bounds = RegionBounds.All(domain.Dimension, network.HiddenWidths);
            var list = parse.GetValue(symbols.List);
            if (parse.GetValue(symbols.Json))
                WriteJson(output, results, bounds, domain, list);
            else
                WriteText(output, network, domain, results, bounds, list);
            return 0;
        });
        return command;
    }

    /// <summary>The default of <c>--max-regions</c>: about a gigabyte of pieces for a 3-layer net.</summary>
    internal const int DefaultMaxRegions = 1_000_000;

    /// <summary>
    /// Progress of a long enumeration on stderr: nothing for the first second (small counts stay quiet), then a
    /// line at most every two seconds.
    /// </summary>
    private sealed class StderrProgress(TextWriter error) : IProgress<RegionCountProgress>
    {
        private readonly System.Diagnostics.Stopwatch _clock =
            System.Diagnostics.Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.FromSeconds(-1);
        private bool _spoke;

        public void Report(RegionCountProgress value)
        {
            var now = _clock.Elapsed;
            if (now < TimeSpan.FromSeconds(1) || now - _last < TimeSpan.FromSeconds(2))
                return;
            _last = now;
            _spoke = true;
            error.WriteLine(
                $"regions: hidden layer {value.Layer}/{value.LayerCount}, {value.Pieces:N0} activation pieces so far (the previous layer left {value.PiecesBefore:N0}), {now.TotalSeconds:F0} s"
            );
        }

        public void Done()
        {
            if (_spoke)
                error.WriteLine(
                    $"regions: enumeration done after {_clock.Elapsed.TotalSeconds:F0} s; grouping and writing"
                );
        }
    }

    /// <summary>The command's symbols, made fresh for every command tree (parsing is then thread-safe).</summary>
    private sealed class Symbols
    {
        /// <summary>The network file.</summary>
        internal readonly Argument<string> Network = new("network")
        {
            Description =
                "Network weights: .json {\"layers\": [{\"weight\": [[...]], \"bias\": [...]}, ...]} (weight out x in, ReLU after every layer but the last), .npz with W0, b0, W1, b1, ..., or a PyTorch state dict of Linear layers (.pt, .pth, .bin, .safetensors)",
        };

        /// <summary>Axis box for 2-D inputs.</summary>
        internal readonly Option<string?> Box = new("--box")
        {
            Description = "Axis box xmin,xmax,ymin,ymax (networks with 2 inputs)",
        };

        /// <summary>Segment between two input points.</summary>
        internal readonly Option<string?> SegmentOption = new("--segment")
        {
            Description =
                "Segment between two input points \"x1,x2,...;y1,y2,...\" (any input dimension)",
        };

        /// <summary>Plane through three input points.</summary>
        internal readonly Option<string?> Plane = new("--plane")
        {
            Description =
                "Triangle p, q, r in the plane through three input points \"p1,...;q1,...;r1,...\" (orthonormal plane coordinates, origin p, first axis towards q)",
        };

        /// <summary>Turn the plane triangle into a box around it.</summary>
        internal readonly Option<double?> PlaneMargin = new("--plane-margin")
        {
            Description =
                "With --plane: count on the box (in plane coordinates) around p, q, r widened by this fraction on each side instead of the triangle",
        };

        /// <summary>Which definition to count.</summary>
        internal readonly Option<string?> Definition = CreateDefinition();

        private static Option<string?> CreateDefinition()
        {
            var option = new Option<string?>("--definition")
            {
                Description =
                    "activation (activation regions), linear (maximal connected affine pieces) or affine (distinct affine functions); without it all three are printed, each labelled",
            };
            option.AcceptOnlyFromAmong("activation", "linear", "affine");
            return option;
        }

        /// <summary>Emit JSON.</summary>
        internal readonly Option<bool> Json = new("--json")
        {
            Description =
                "Print one JSON object: definition, count, activationPieces, network, domain, bounds; without --definition the top level is the linear-region count and results lists all three definitions",
        };

        /// <summary>Cap on the enumeration.</summary>
        internal readonly Option<int> MaxRegions = new("--max-regions")
        {
            Description =
                $"Stop (exit 2) once the enumeration holds more than this many activation pieces, the finest regions (default {DefaultMaxRegions:N0})",
            DefaultValueFactory = _ => DefaultMaxRegions,
        };

        /// <summary>List every region.</summary>
        internal readonly Option<bool> List = new("--regions")
        {
            Description =
                "Also list every region: vertices (slice coordinates), activation patterns and affine maps",
        };
    }

    internal static RegionDomain ParseDomain(
        string? box,
        string? segment,
        string? plane,
        double? margin
    )
    {
        var given = new[] { ("--box", box), ("--segment", segment), ("--plane", plane) }
            .Where(x => x.Item2 is not null)
            .Select(x => x.Item1)
            .ToArray();
        if (given.Length == 0)
            throw new NeuroKitException(
                "no domain given; add exactly one of --box xmin,xmax,ymin,ymax, --segment \"x1,...;y1,...\" or --plane \"p;q;r\"."
            );
        if (given.Length > 1)
            throw new NeuroKitException(
                $"{string.Join(" and ", given)} cannot be used together; give exactly one domain option."
            );
        if (margin is not null && plane is null)
            throw new NeuroKitException(
                "--plane-margin only applies to --plane; drop it or use --plane."
            );
        if (box is not null)
        {
            var v = Numbers(box, "--box");
            if (v.Length != 4)
                throw new NeuroKitException(
                    $"--box has {v.Length} numbers ('{box}'); expected 4: xmin,xmax,ymin,ymax."
                );
            return new Box2D(v[0], v[1], v[2], v[3]);
        }
        if (segment is not null)
        {
            var points = Points(segment, "--segment", 2);
            return new Segment(points[0], points[1]);
        }
        var pqr = Points(plane!, "--plane", 3);
        return margin is null
            ? new PlaneSlice(pqr[0], pqr[1], pqr[2])
            : PlaneSlice.Around(pqr[0], pqr[1], pqr[2], margin.Value);
    }

    private static double[][] Points(string text, string option, int count)
    {
        var parts = text.Split(';');
        if (parts.Length != count)
            throw new NeuroKitException(
                $"{option} has {parts.Length} point(s) ('{text}'); expected {count} points separated by ';', coordinates by ','."
            );
        return parts.Select(p => Numbers(p, option)).ToArray();
    }

    private static double[] Numbers(string text, string option) =>
        text.Split(',', StringSplitOptions.TrimEntries)
            .Select(s =>
                double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : throw new NeuroKitException(
                        $"{option}: '{s}' is not a number; use '.' for decimals and ',' between coordinates."
                    )
            )
            .ToArray();

    /// <summary>
    /// Streams the JSON document to <paramref name="output"/> through a <see cref="Utf8JsonWriter"/>, flushing as
    /// regions are written: memory stays at one region's worth of text however many regions there are.
    /// </summary>
    internal static void WriteJson(
        TextWriter output,
        IReadOnlyList<RegionCountResult> results,
        IReadOnlyList<RegionBound> bounds,
        RegionDomain domain,
        bool list
    )
    {
        using var stream = new TextWriterStream(output);
        using (var writer = new Utf8JsonWriter(stream, RegionCountJson.Indented))
        {
            writer.WriteStartObject();
            if (results.Count == 1)
            {
                RegionCountJson.WriteFields(writer, results[0]);
                if (list)
                    RegionCountJson.WriteRegions(writer, results[0]);
            }
            else
            {
                // Every definition was counted: the top level carries the linear-region count (maximal connected
                // affine pieces, what "linear regions" usually means) so `definition` and `count` are always
                // present, and `results` lists all three, each labelled.
                var headline =
                    results.FirstOrDefault(r => r.Definition == RegionDefinition.LinearRegions)
                    ?? results[0];
                RegionCountJson.WriteFields(writer, headline);
                writer.WriteStartArray("results");
                foreach (var r in results)
                    RegionCountJson.Write(writer, r, list);
                writer.WriteEndArray();
            }
            writer.WriteNumber("boundsSliceDimension", domain.Dimension);
            RegionCountJson.WriteBounds(writer, bounds);
            writer.WriteEndObject();
        }
        output.WriteLine();
    }

    private static string Piece(RegionPiece piece, ReluNetwork network) =>
        "["
        + string.Join(
            " ",
            piece.Vertices.Select(v =>
                "("
                + string.Join(",", v.Select(x => x.ToString("G6", CultureInfo.InvariantCulture)))
                + ")"
            )
        )
        + "]:"
        + piece.PatternText(network.HiddenWidths);

    private static void WriteText(
        TextWriter output,
        ReluNetwork network,
        RegionDomain domain,
        IReadOnlyList<RegionCountResult> results,
        IReadOnlyList<RegionBound> bounds,
        bool list
    )
    {
        output.WriteLine($"network: {network}");
        output.WriteLine($"domain:  {domain}");
        foreach (var r in results)
            output.WriteLine($"{RegionCountResult.DefinitionName(r.Definition), -26} {r.Count}");
        output.WriteLine($"bounds for a {domain.Dimension}-D slice (n0 = {domain.Dimension}):");
        foreach (var b in bounds)
            output.WriteLine($"  {b.Name, -56} {b.Value}");
        if (!list)
            return;
        foreach (var r in results)
        {
            output.WriteLine();
            output.WriteLine($"{RegionCountResult.DefinitionName(r.Definition)}:");
            foreach (var region in r.Regions)
            {
                var map = string.Join(
                    "; ",
                    Enumerable
                        .Range(0, region.SliceBias.Length)
                        .Select(o =>
                            string.Join(
                                " ",
                                Enumerable
                                    .Range(0, region.SliceWeight.GetLength(1))
                                    .Select(k =>
                                        region
                                            .SliceWeight[o, k]
                                            .ToString("G6", CultureInfo.InvariantCulture)
                                    )
                            )
                            + " | "
                            + region.SliceBias[o].ToString("G6", CultureInfo.InvariantCulture)
                        )
                );
                output.WriteLine(
                    $"  #{region.Index}: measure {region.Measure.ToString("G6", CultureInfo.InvariantCulture)}, {region.Pieces.Count} piece(s), map [{map}], pieces {string.Join(" ", region.Pieces.Select(p => Piece(p, network)))}"
                );
            }
        }
    }
}
