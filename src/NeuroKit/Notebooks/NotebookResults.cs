using System.Text;
using System.Text.Json;
using NeuroKit.Claims;

namespace NeuroKit.Notebooks;

/// <summary>
/// What a notebook run reported for machine reading: its verdicts (through <see cref="Verdict.Report"/>) and
/// named headline numbers (<see cref="NotebookHost.Record(string, double)"/>). <c>neurokit run</c> writes
/// <see cref="ToJson"/> into the executed notebook's metadata as <c>metadata.neurokit.results</c>; sweeps and
/// the gallery read it from there. Thread-safe.
/// </summary>
public sealed class NotebookResults
{
    private readonly object _gate = new();
    private readonly List<Verdict> _verdicts = [];
    private readonly Dictionary<string, object> _records = new(StringComparer.Ordinal);

    /// <summary>The verdicts reported so far, in order.</summary>
    public IReadOnlyList<Verdict> Verdicts
    {
        get
        {
            lock (_gate)
                return [.. _verdicts];
        }
    }

    /// <summary>The named values recorded so far (a later record of the same name replaces the earlier).</summary>
    public IReadOnlyDictionary<string, object> Records
    {
        get
        {
            lock (_gate)
                return new Dictionary<string, object>(_records, StringComparer.Ordinal);
        }
    }

    /// <summary>Adds a verdict. A re-run cell's verdict for the same claim name replaces the earlier one.</summary>
    public void Add(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        lock (_gate)
        {
            var index = _verdicts.FindIndex(v => v.Claim.Name == verdict.Claim.Name);
            if (index >= 0)
                _verdicts[index] = verdict;
            else
                _verdicts.Add(verdict);
        }
    }

    /// <summary>Records a named value (a number, string or bool).</summary>
    public void Record(string name, object value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
            _records[name] = value;
    }

    /// <summary>Forgets everything reported (a new notebook run in the same process).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _verdicts.Clear();
            _records.Clear();
        }
    }

    /// <summary>
    /// <c>{"verdicts": [{"claim", "statement", "source", "kind", "outcome", "line", "control", "measured",
    /// "controlValue", "margin", "smoke", "details", "deviations", "parts"}], "records": {name: value}}</c>;
    /// outcome is "SHOWN", "PARTLY SHOWN" or "NOT SHOWN" (for checks too; the line says PASSED/FAILED);
    /// estimates are <c>{"mean", "min", "max", "n"}</c>; non-finite numbers are written as strings.
    /// </summary>
    public string ToJson()
    {
        var verdicts = Verdicts;
        var records = Records;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteStartArray("verdicts");
            foreach (var v in verdicts)
                WriteVerdict(w, v);
            w.WriteEndArray();
            w.WriteStartObject("records");
            foreach (var (name, value) in records)
            {
                w.WritePropertyName(name);
                WriteValue(w, value);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The outcome's stable machine name: SHOWN, PARTLY SHOWN or NOT SHOWN.</summary>
    public static string OutcomeName(VerdictOutcome outcome) =>
        outcome switch
        {
            VerdictOutcome.Shown => "SHOWN",
            VerdictOutcome.PartlyShown => "PARTLY SHOWN",
            _ => "NOT SHOWN",
        };

    private static void WriteVerdict(Utf8JsonWriter w, Verdict v)
    {
        w.WriteStartObject();
        w.WriteString("claim", v.Claim.Name);
        w.WriteString("statement", v.Claim.Statement);
        w.WriteString("source", v.Claim.Source);
        w.WriteString("kind", v.Claim.Kind == ClaimKind.Check ? "check" : "claim");
        w.WriteString("outcome", OutcomeName(v.Outcome));
        w.WriteString("line", v.ToString());
        w.WriteString("control", v.Control);
        WriteEstimate(w, "measured", v.Measured);
        WriteEstimate(w, "controlValue", v.ControlValue);
        w.WritePropertyName("margin");
        if (v.Margin is { } m)
            WriteNumber(w, m);
        else
            w.WriteNullValue();
        w.WriteBoolean("smoke", v.Smoke);
        WriteStrings(w, "details", v.Details);
        WriteStrings(w, "deviations", v.Deviations);
        w.WriteStartArray("parts");
        foreach (var part in v.Parts)
            WriteVerdict(w, part);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteEstimate(Utf8JsonWriter w, string name, Estimate? estimate)
    {
        w.WritePropertyName(name);
        if (estimate is not { } e)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WritePropertyName("mean");
        WriteNumber(w, e.Mean);
        w.WritePropertyName("min");
        WriteNumber(w, e.Min);
        w.WritePropertyName("max");
        WriteNumber(w, e.Max);
        w.WriteNumber("n", e.Count);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var s in values)
            w.WriteStringValue(s);
        w.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter w, object value)
    {
        switch (value)
        {
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case Estimate e:
                w.WriteStartObject();
                w.WritePropertyName("mean");
                WriteNumber(w, e.Mean);
                w.WritePropertyName("min");
                WriteNumber(w, e.Min);
                w.WritePropertyName("max");
                WriteNumber(w, e.Max);
                w.WriteNumber("n", e.Count);
                w.WriteEndObject();
                break;
            case IConvertible c when value is not char && value.GetType().IsPrimitive:
                WriteNumber(w, c.ToDouble(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case decimal d:
                w.WriteNumberValue(d);
                break;
            default:
                w.WriteStringValue(value.ToString());
                break;
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value))
            w.WriteNumberValue(value);
        else
            w.WriteStringValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
