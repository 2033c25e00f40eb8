namespace NeuroKit.Data;

/// <summary>The binary operation of a modular arithmetic task, computed modulo p.</summary>
public enum ModularOperation
{
    /// <summary>(a + b) mod p.</summary>
    Add,

    /// <summary>(a - b) mod p.</summary>
    Subtract,

    /// <summary>(a * b) mod p.</summary>
    Multiply,

    /// <summary>a * b^-1 mod p for b in 1..p-1 (p must be prime).</summary>
    Divide,
}
