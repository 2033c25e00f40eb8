using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using NeuroKit.Errors;

namespace NeuroKit.Data;

/// <summary>
/// Reads float32/float64 arrays from NumPy's <c>.npy</c> format (versions 1.0, 2.0 and 3.0), as written by
/// <c>numpy.save</c>. The header dictionary is parsed as the Python literal it is; anything that is not a
/// C-ordered 2D array of 4- or 8-byte floats is refused with a message saying what was found and how to
/// convert it.
/// </summary>
/// <remarks>Format: NEP 1 / numpy.lib.format (magic "\x93NUMPY", version, header length, header, data).</remarks>
public static class NpyFile
{
    /// <summary>The longest header read, in bytes: numpy's own default limit (<c>max_header_size</c>).</summary>
    public const int MaxHeaderLength = 10_000;

    /// <summary>The deepest nesting of brackets read in a header; a float array's header nests two deep.</summary>
    internal const int MaxHeaderDepth = 16;

    /// <summary>How much of an unparsable header an error message quotes.</summary>
    internal const int QuotedHeaderLength = 200;

    private static readonly byte[] Magic =
    [
        0x93,
        (byte)'N',
        (byte)'U',
        (byte)'M',
        (byte)'P',
        (byte)'Y',
    ];

    /// <summary>Reads a 2D array (rows x columns, e.g. samples x neurons) from <paramref name="path"/>.</summary>
    /// <param name="path">A .npy file.</param>
    public static double[,] Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new NeuroKitException($"{path}: file not found.");
        return Read(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a 2D array from the bytes of a .npy file; <paramref name="name"/> is used in messages.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="name">The file's name as the user knows it.</param>
    public static double[,] Read(ReadOnlySpan<byte> bytes, string name)
    {
        var (shape, values) = ReadArray(bytes, name);
        if (shape.Length != 2)
            throw new NeuroKitException(
                $"{name}: the array has shape ({string.Join(", ", shape)}), {shape.Length} dimension(s); expected 2 (samples x neurons). Reshape it, e.g. a.reshape(len(a), -1)."
            );
        var result = new double[shape[0], shape[1]];
        Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(double));
        return result;
    }

    /// <summary>
    /// Reads an array of any rank from the bytes of a .npy file: its shape and its values in C (row-major) order,
    /// widened to float64. <paramref name="name"/> is used in messages.
    /// </summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="name">The file's name as the user knows it.</param>
    public static (int[] Shape, double[] Values) ReadArray(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
            throw new NeuroKitException(
                $"{name}: not a .npy file (it does not start with \\x93NUMPY). Save arrays with numpy.save, or use CSV."
            );
        int major = bytes[6];
        int headerLength;
        int offset;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
            offset = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12)
                throw new NeuroKitException($"{name}: truncated .npy header.");
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
            headerLength = declared > int.MaxValue ? int.MaxValue : (int)declared;
            offset = 12;
        }
        else
            throw new NeuroKitException(
                $"{name}: .npy format version {major}.{bytes[7]} is not supported (1.0, 2.0 and 3.0 are)."
            );
        // numpy itself refuses headers over 10,000 bytes unless told the file is trusted (max_header_size);
        // a float array's header is under 200. Refusing early also bounds the parser's work.
        if (headerLength > MaxHeaderLength)
            throw new NeuroKitException(
                $"{name}: the .npy header declares {headerLength} bytes, over the {MaxHeaderLength} that numpy itself accepts by default; this is not an array saved by numpy.save. Re-save it with numpy.save."
            );
        if ((long)bytes.Length < (long)offset + headerLength)
            throw new NeuroKitException(
                $"{name}: truncated .npy header ({bytes.Length - offset} of {headerLength} header bytes present)."
            );
        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        var header = encoding.GetString(bytes.Slice(offset, headerLength));
        var fields = HeaderParser.ParseDictionary(header, name);
        var (descr, fortran, shape) = Fields(fields, name);
        var (size, littleEndian) = ElementType(descr, name);
        if (fortran)
            throw new NeuroKitException(
                $"{name}: the array is stored in Fortran (column-major) order; only C order is read. Save it with numpy.save(path, numpy.ascontiguousarray(a))."
            );
        var data = bytes[(offset + headerLength)..];
        var dims = new int[shape.Length];
        // The element count is bounded by the bytes present, so no product below can overflow: a shape that
        // needs more bytes than the file has (including ones past long.MaxValue) is refused as truncated.
        var available = data.Length / size;
        long count = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
                throw new NeuroKitException(
                    $"{name}: the .npy header's shape ({string.Join(", ", shape)}) has a negative dimension; the file is damaged. Re-save it with numpy.save."
                );
            if (shape[i] > int.MaxValue)
                throw new NeuroKitException(
                    $"{name}: the .npy header's shape ({string.Join(", ", shape)}) has a dimension over {int.MaxValue}; arrays that large are not supported (and the file is far too small for it)."
                );
            dims[i] = (int)shape[i];
        }
        foreach (var d in dims)
        {
            if (d == 0)
            {
                count = 0;
                break;
            }
        }
        if (count != 0)
            foreach (var d in dims)
            {
                if (count > available / d)
                {
                    var needed = dims.Aggregate(new BigInteger(size), (a, x) => a * x);
                    throw new NeuroKitException(
                        $"{name}: truncated data: shape ({string.Join(", ", dims)}) of {descr} needs {needed} bytes, the file has {data.Length}. Re-save the array with numpy.save."
                    );
                }
                count *= d;
            }
        var result = new double[count];
        for (long k = 0; k < count; k++)
        {
            var slice = data.Slice((int)(k * size), size);
            result[k] =
                size == 4
                    ? (
                        littleEndian
                            ? BinaryPrimitives.ReadSingleLittleEndian(slice)
                            : BinaryPrimitives.ReadSingleBigEndian(slice)
                    )
                    : (
                        littleEndian
                            ? BinaryPrimitives.ReadDoubleLittleEndian(slice)
                            : BinaryPrimitives.ReadDoubleBigEndian(slice)
                    );
        }
        return (dims, result);
    }

    private static (string Descr, bool Fortran, long[] Shape) Fields(
        Dictionary<string, object> fields,
        string name
    )
    {
        foreach (var key in new[] { "descr", "fortran_order", "shape" })
            if (!fields.ContainsKey(key))
                throw new NeuroKitException($"{name}: the .npy header has no '{key}' entry.");
        if (fields["descr"] is not string descr)
            throw new NeuroKitException(
                $"{name}: the array has a structured dtype; expected plain float32 or float64 values."
            );
        if (fields["fortran_order"] is not bool fortran)
            throw new NeuroKitException(
                $"{name}: the .npy header's fortran_order is not True or False."
            );
        if (fields["shape"] is not List<object> items || items.Any(i => i is not long))
            throw new NeuroKitException(
                $"{name}: the .npy header's shape is not a tuple of integers."
            );
        return (descr, fortran, items.Cast<long>().ToArray());
    }

    private static (int Size, bool LittleEndian) ElementType(string descr, string name)
    {
        if (
            descr.Length == 3
            && descr[1] == 'f'
            && descr[2] is '4' or '8'
            && descr[0] is '<' or '>' or '|' or '='
        )
        {
            var little = descr[0] switch
            {
                '>' => false,
                '<' => true,
                _ => BitConverter.IsLittleEndian,
            };
            return (descr[2] - '0', little);
        }
        var kind = descr.Length > 1 ? descr[1] : '?';
        var what = kind switch
        {
            'i' => "signed integers",
            'u' => "unsigned integers",
            'b' => "booleans",
            'c' => "complex numbers",
            'f' => "floats of an unsupported size",
            'U' or 'S' => "strings",
            'O' => "Python objects",
            _ => "an unsupported type",
        };
        throw new NeuroKitException(
            $"{name}: dtype '{descr}' ({what}) is not supported; expected float32 ('<f4') or float64 ('<f8'). Convert with a.astype(numpy.float32) before numpy.save."
        );
    }

    /// <summary>A parser for the Python literal subset used by .npy headers: dict, str, bool, int, tuple.</summary>
    private sealed class HeaderParser
    {
        private readonly string _text;
        private readonly string _name;
        private int _at;
        private int _depth;

        private HeaderParser(string text, string name)
        {
            _text = text;
            _name = name;
        }

        public static Dictionary<string, object> ParseDictionary(string text, string name)
        {
            var parser = new HeaderParser(text, name);
            var value = parser.Value();
            parser.Skip();
            if (parser._at != text.Length)
                throw parser.Error("unexpected text after the dictionary");
            return value as Dictionary<string, object>
                ?? throw parser.Error("the header is not a dictionary");
        }

        private NeuroKitException Error(string what)
        {
            var text = _text.Trim();
            var quoted =
                text.Length <= QuotedHeaderLength
                    ? text
                    : $"{text[..QuotedHeaderLength]}... ({text.Length} characters in all)";
            return new(
                $"{_name}: cannot parse the .npy header ({what} at character {_at}): {quoted}"
            );
        }

        private void Skip()
        {
            while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
                _at++;
        }

        private char Peek()
        {
            Skip();
            return _at < _text.Length ? _text[_at] : '\0';
        }

        private void Expect(char c)
        {
            if (Peek() != c)
                throw Error($"expected '{c}'");
            _at++;
        }

        private object Value()
        {
            var c = Peek();
            if (c is '{' or '(' or '[' && _depth >= MaxHeaderDepth)
                throw Error(
                    $"brackets nested deeper than {MaxHeaderDepth}; a .npy header nests two deep"
                );
            if (c == '{')
                return Dictionary();
            if (c == '(' || c == '[')
                return Sequence(c == '(' ? ')' : ']');
            if (c is '\'' or '"')
                return String();
            if (char.IsDigit(c) || c == '-')
                return Integer();
            if (Word("True"))
                return true;
            if (Word("False"))
                return false;
            throw Error("unexpected value");
        }

        private bool Word(string word)
        {
            if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0)
                return false;
            _at += word.Length;
            return true;
        }

        private Dictionary<string, object> Dictionary()
        {
            Expect('{');
            _depth++;
            var result = new Dictionary<string, object>();
            while (Peek() != '}')
            {
                if (Value() is not string key)
                    throw Error("dictionary keys must be strings");
                Expect(':');
                result[key] = Value();
                if (Peek() == ',')
                    _at++;
                else if (Peek() != '}')
                    throw Error("expected ',' or '}'");
            }
            _at++;
            _depth--;
            return result;
        }

        private List<object> Sequence(char close)
        {
            _at++;
            _depth++;
            var items = new List<object>();
            while (Peek() != close)
            {
                items.Add(Value());
                if (Peek() == ',')
                    _at++;
                else if (Peek() != close)
                    throw Error($"expected ',' or '{close}'");
            }
            _at++;
            _depth--;
            return items;
        }

        private string String()
        {
            var quote = _text[_at++];
            var start = _at;
            while (_at < _text.Length && _text[_at] != quote)
                _at++;
            if (_at >= _text.Length)
                throw Error("unterminated string");
            return _text[start.._at++];
        }

        private long Integer()
        {
            var start = _at;
            if (_text[_at] == '-')
                _at++;
            while (_at < _text.Length && char.IsDigit(_text[_at]))
                _at++;
            if (_at < _text.Length && _text[_at] == 'L')
                _at++; // Python 2 long suffix in old files
            var digits = _text[start.._at].TrimEnd('L');
            if (
                !long.TryParse(
                    digits,
                    NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture,
                    out var value
                )
            )
                throw Error($"the integer {digits} is not a valid 64-bit integer");
            return value;
        }
    }
}
