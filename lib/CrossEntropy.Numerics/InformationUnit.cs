namespace CrossEntropy.Numerics;

/// <summary>
/// The unit of an information quantity, fixed by the base b of the logarithm: nats (b = e), bits (b = 2),
/// hartleys (b = 10) or any base b &gt; 0, b ≠ 1.
/// </summary>
/// <remarks>
/// Changing the base only rescales: a value of x nats is x / ln b in base b. So bits = nats / ln 2 and
/// hartleys = nats / ln 10 — which is why taking log10 instead of ln cannot make a computation more stable.
/// </remarks>
public readonly record struct InformationUnit
{
    private InformationUnit(double logBase, string name)
    {
        _logBase = logBase;
        _name = name;
        // Nats are the library's working unit; ln e is exactly 1.0 in IEEE double, so nats stay bit-for-bit unchanged.
        _natsPerUnit = Math.Log(logBase);
    }

    // default(InformationUnit) has all fields zero; the properties read it as nats, so an omitted unit means nats.
    private readonly double _logBase;
    private readonly string? _name;
    private readonly double _natsPerUnit;

    /// <summary>Natural logarithm, b = e. The unit every function computes in.</summary>
    public static InformationUnit Nats { get; } = new(Math.E, "nats");

    /// <summary>Base-2 logarithm: 1 bit = ln 2 ≈ 0.693 nats.</summary>
    public static InformationUnit Bits { get; } = new(2, "bits");

    /// <summary>Base-10 logarithm (hartleys, also "bans" or "dits"): 1 hartley = ln 10 ≈ 2.303 nats.</summary>
    public static InformationUnit Hartleys { get; } = new(10, "hartleys");

    /// <summary>The base b of the logarithm.</summary>
    public double LogBase => _natsPerUnit == 0 ? Math.E : _logBase;

    /// <summary>A short name: "nats", "bits", "hartleys" or "base b".</summary>
    public string Name => _name ?? "nats";

    /// <summary>ln b: how many nats one unit holds.</summary>
    public double NatsPerUnit => _natsPerUnit == 0 ? 1.0 : _natsPerUnit;

    /// <summary>The unit of base <paramref name="logBase"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">b is not finite, b ≤ 0 or b = 1 (log base 1 is undefined).</exception>
    public static InformationUnit FromBase(double logBase)
    {
        if (!(logBase > 0) || double.IsPositiveInfinity(logBase) || logBase == 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(logBase), logBase, "A logarithm base must be finite, positive and different from 1.");
        }

        return logBase switch
        {
            Math.E => Nats,
            2 => Bits,
            10 => Hartleys,
            _ => new InformationUnit(logBase, $"base {Guard.Format(logBase)}"),
        };
    }

    /// <summary>Converts a quantity in nats into this unit: x / ln b. ±∞ and NaN pass through unchanged.</summary>
    public double FromNats(double nats) => nats / NatsPerUnit;

    /// <summary>Converts a quantity in this unit into nats: x · ln b.</summary>
    public double ToNats(double value) => value * NatsPerUnit;

    /// <summary>Units are equal when their bases are: default(InformationUnit) equals <see cref="Nats"/>.</summary>
    public bool Equals(InformationUnit other) => LogBase.Equals(other.LogBase);

    /// <inheritdoc/>
    public override int GetHashCode() => LogBase.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => Name;
}
