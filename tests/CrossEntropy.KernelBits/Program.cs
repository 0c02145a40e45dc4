using System.Numerics;
using System.Globalization;
using System.Runtime.Intrinsics;
using CrossEntropy.Numerics;

// First line: what the hardware path is (differs between the runs, and shows the switches took effect).
// Every other line: one case's loss bits, per-row loss bits and a hash of the gradient bits (must not differ).
Console.WriteLine(
    $"vector512={Vector512.IsHardwareAccelerated} vector256={Vector256.IsHardwareAccelerated} " +
    $"vector128={Vector128.IsHardwareAccelerated}");

foreach ((string name, int rows, int classes, Func<Random, int, int, double> logit) in Cases())
{
    Print<float>(name, rows, classes, logit);
    Print<double>(name, rows, classes, logit);
}

// The fused linear cross-entropy: 300 rows × 700 classes cross its row and class blocks; every option at once.
PrintFused<float>();
PrintFused<double>();

static IEnumerable<(string Name, int Rows, int Classes, Func<Random, int, int, double> Logit)> Cases()
{
    yield return ("small random", 64, 10, (rng, _, _) => (rng.NextDouble() * 20) - 10);
    yield return ("one short row", 1, 37, (rng, _, _) => (rng.NextDouble() * 6) - 3);
    yield return ("vector multiple", 3, 64, (rng, _, _) => rng.NextDouble() * 4);
    yield return ("rising maximum over blocks", 2, 9000, (rng, _, c) => (c / 100.0) + rng.NextDouble());
    yield return ("ties and masks", 4, 3000, (rng, r, c) => c % 7 == 0 ? 5 : c % 5 == 0 ? double.NegativeInfinity : rng.Next(6));
    yield return ("wide range, subnormal terms", 3, 500, (rng, _, _) => (rng.NextDouble() * 1600) - 800);
    yield return ("confident rows", 8, 200, (rng, _, c) => c == 0 ? 40 : rng.NextDouble());
}

static void Print<T>(string name, int rows, int classes, Func<Random, int, int, double> logit)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    var rng = new Random(7);
    var x = new T[rows * classes];
    for (int r = 0; r < rows; r++)
    {
        for (int c = 0; c < classes; c++)
        {
            x[(r * classes) + c] = T.CreateSaturating(logit(rng, r, c));
        }
    }

    int[] targets = Enumerable.Range(0, rows).Select(r => (r * 7919) % classes).ToArray();
    var smoothed = new CrossEntropyOptions { LabelSmoothing = 0.1, Weight = Enumerable.Range(0, classes).Select(c => 1 + (c % 3)).Select(w => (double)w).ToArray() };
    var perRow = new T[rows];
    Losses.CrossEntropy<T>(x, classes, targets, perRow);
    var gradient = new T[x.Length];
    Losses.CrossEntropyGradient<T>(x, classes, targets, gradient);
    var smoothedGradient = new T[x.Length];
    Losses.CrossEntropyGradient<T>(x, classes, targets, smoothedGradient, options: smoothed);
    Console.WriteLine(string.Join(' ',
        $"{typeof(T).Name} {name}:",
        $"mean {Bits(Losses.CrossEntropy<T>(x, classes, targets))}",
        $"smoothed {Bits(Losses.CrossEntropy<T>(x, classes, targets, options: smoothed))}",
        $"rows {string.Join(',', perRow.Select(Bits))}",
        $"gradient {Hash(gradient)} smoothed gradient {Hash(smoothedGradient)}",
        $"softmax family {SoftmaxFamily(x, classes)}"));
}

// The softmax family (rows and single vectors, τ = 1, τ = 0.7 and τ = 10⁻³, whose quotient lifts its reciprocal) hashed; the same computation on copies of x that
// start 1, 2 and 3 elements into a larger array (other alignments) must give the same hash, or the line says so.
static string SoftmaxFamily<T>(T[] x, int classes)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    string first = SoftmaxFamilyAt(x, classes, 0);
    for (int offset = 1; offset <= 3; offset++)
    {
        if (SoftmaxFamilyAt(x, classes, offset) != first)
        {
            return $"{first} (offsets differ at {offset})";
        }
    }

    return first;
}

static string SoftmaxFamilyAt<T>(T[] x, int classes, int offset)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    var buffer = new T[x.Length + offset];
    x.CopyTo(buffer, offset);
    ReadOnlySpan<T> logits = buffer.AsSpan(offset);
    var results = new List<T>();
    foreach (double tau in new[] { 1.0, 0.7, 1e-3 })
    {
        var softmax = new T[x.Length];
        StableMath.SoftmaxRows(logits, classes, softmax, tau);
        var logSoftmax = new T[x.Length];
        StableMath.LogSoftmaxRows(logits, classes, logSoftmax, tau);
        var lse = new T[x.Length / classes];
        StableMath.LogSumExpRows(logits, classes, lse, tau);
        results.AddRange(softmax);
        results.AddRange(logSoftmax);
        results.AddRange(lse);
        results.AddRange(StableMath.Softmax(logits, tau));
        results.AddRange(StableMath.LogSoftmax(logits, tau));
        results.Add(StableMath.LogSumExp(logits, tau));
    }

    return Hash(results.ToArray());
}

static string Bits<T>(T value)
    where T : unmanaged, IFloatingPointIeee754<T> =>
    value switch
    {
        float f => BitConverter.SingleToUInt32Bits(f).ToString("x8", CultureInfo.InvariantCulture),
        double d => BitConverter.DoubleToUInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException(typeof(T).Name),
    };

// FNV-1a over the bit patterns: any single bit that differs changes it.
static string Hash<T>(T[] values)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    ulong hash = 14695981039346656037;
    foreach (T v in values)
    {
        foreach (char ch in Bits(v))
        {
            hash = (hash ^ ch) * 1099511628211;
        }
    }

    return hash.ToString("x16", CultureInfo.InvariantCulture);
}

static void PrintFused<T>()
    where T : unmanaged, IFloatingPointIeee754<T>
{
    const int rows = 300, size = 37, classes = 700;
    var rng = new Random(11);
    T Next() => T.CreateChecked((rng.NextDouble() * 4) - 2);
    T[] hidden = Enumerable.Range(0, rows * size).Select(_ => Next()).ToArray();
    T[] weight = Enumerable.Range(0, classes * size).Select(_ => Next()).ToArray();
    T[] bias = Enumerable.Range(0, classes).Select(_ => Next()).ToArray();
    int[] targets = Enumerable.Range(0, rows).Select(r => r % 9 == 0 ? -100 : (r * 7919) % classes).ToArray();
    var options = new CrossEntropyOptions { LabelSmoothing = 0.1, Weight = Enumerable.Range(0, classes).Select(c => 1.0 + (c % 3)).ToArray() };
    T[] dh = new T[hidden.Length], dw = new T[weight.Length], db = new T[classes];
    T loss = Losses.LinearCrossEntropyGradient<T>(hidden, weight, bias, size, targets, dh, dw, db, Reduction.Mean, options);
    Console.WriteLine(string.Join(' ',
        $"{typeof(T).Name} fused linear cross-entropy:",
        $"plain {Bits(Losses.LinearCrossEntropy<T>(hidden, weight, bias, size, targets))}",
        $"smoothed {Bits(loss)}",
        $"gradients {Hash(dh)} {Hash(dw)} {Hash(db)}"));
}
