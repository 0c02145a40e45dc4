using System.Reflection;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// Every public span method that writes into a destination, and what it promises when the destination aliases one
/// of its inputs: either the input itself (same start, same length) gives the same result as a separate buffer, or
/// the overlap is rejected with an ArgumentException naming the destination. Any partial overlap is always rejected.
/// A reflection check keeps the table complete as methods are added.
/// </summary>
public class AliasingTests
{
    /// <summary>Same: the destination may be this input itself. None: it must not overlap this input at all.</summary>
    public enum AliasPolicy
    {
        Same,
        None,
    }

    public delegate void Invocation(Memory<double>[] inputs, Memory<double> destination);

    public sealed record SpanMethod(string Signature, string DestinationName, double[][] Inputs, int DestinationLength, AliasPolicy[] Policies, Invocation Invoke)
    {
        public override string ToString() => Signature;
    }

    private static readonly double[] Logits = [0.7, -1.5, 2.0, 0.3, -0.2, 1.1];
    private static readonly double[] Targets = [0.2, 0.3, 0.5, 0.0, 1.0, 0.0];
    private static readonly int[] ClassIndices = [2, 0];
    private static readonly double[] Hidden = [0.5, -1.0, 2.0, 0.3, 0.1, -0.7];
    private static readonly double[] Weight = [0.2, -0.4, 0.6, 1.0, 0.0, -0.5, -0.3, 0.8, 0.1];
    private static readonly double[] Bias = [0.1, -0.2, 0.3];

    public static readonly SpanMethod[] Cases =
    [
        new("StableMath.Softmax(ReadOnlySpan<T>, Span<T>, Double)", "destination", [Logits], 6, [AliasPolicy.Same],
            (i, d) => StableMath.Softmax<double>(i[0].Span, d.Span, 2.0)),
        new("StableMath.LogSoftmax(ReadOnlySpan<T>, Span<T>, Double)", "destination", [Logits], 6, [AliasPolicy.Same],
            (i, d) => StableMath.LogSoftmax<double>(i[0].Span, d.Span, 2.0)),
        new("StableMath.SoftmaxRows(ReadOnlySpan<T>, Int32, Span<T>, Double)", "destination", [Logits], 6, [AliasPolicy.Same],
            (i, d) => StableMath.SoftmaxRows<double>(i[0].Span, 3, d.Span, 0.5)),
        new("StableMath.LogSoftmaxRows(ReadOnlySpan<T>, Int32, Span<T>, Double)", "destination", [Logits], 6, [AliasPolicy.Same],
            (i, d) => StableMath.LogSoftmaxRows<double>(i[0].Span, 3, d.Span, 0.5)),
        new("StableMath.LogSumExpRows(ReadOnlySpan<T>, Int32, Span<T>, Double)", "destination", [Logits], 2, [AliasPolicy.None],
            (i, d) => StableMath.LogSumExpRows<double>(i[0].Span, 3, d.Span)),
        new("StableMath.Sigmoid(ReadOnlySpan<T>, Span<T>)", "destination", [Logits], 6, [AliasPolicy.Same],
            (i, d) => StableMath.Sigmoid<double>(i[0].Span, d.Span)),
        new("StableMath.Softplus(ReadOnlySpan<T>, Span<T>)", "destination", [Logits], 6, [AliasPolicy.Same],
            (i, d) => StableMath.Softplus<double>(i[0].Span, d.Span)),
        new("StableMath.LogSigmoid(ReadOnlySpan<T>, Span<T>)", "destination", [Logits], 6, [AliasPolicy.Same],
            (i, d) => StableMath.LogSigmoid<double>(i[0].Span, d.Span)),
        new("Losses.CrossEntropy(ReadOnlySpan<T>, Int32, ReadOnlySpan<Int32>, Span<T>, CrossEntropyOptions)", "losses", [Logits], 2, [AliasPolicy.None],
            (i, d) => Losses.CrossEntropy<double>(i[0].Span, 3, ClassIndices, d.Span)),
        new("Losses.CrossEntropy(ReadOnlySpan<T>, Int32, ReadOnlySpan<T>, Span<T>, CrossEntropyOptions)", "losses", [Logits, Targets], 2, [AliasPolicy.None, AliasPolicy.None],
            (i, d) => Losses.CrossEntropy<double>(i[0].Span, 3, i[1].Span, d.Span)),
        new("Losses.NllLoss(ReadOnlySpan<T>, Int32, ReadOnlySpan<Int32>, Span<T>, CrossEntropyOptions)", "losses", [[-0.5, -1.2, -2.0, -0.1, -3.0, -4.0]], 2, [AliasPolicy.None],
            (i, d) => Losses.NllLoss<double>(i[0].Span, 3, ClassIndices, d.Span)),
        new("Losses.BinaryCrossEntropyWithLogits(ReadOnlySpan<T>, ReadOnlySpan<T>, Span<T>, ReadOnlySpan<T>, ReadOnlySpan<T>)", "losses",
            [Logits, Targets, [2.0, 0.5, 1.0, 3.0, 1.5, 0.25], [1.0, 0.5, 2.0, 1.0, 0.0, 4.0]], 6, [AliasPolicy.Same, AliasPolicy.Same, AliasPolicy.Same, AliasPolicy.Same],
            (i, d) => Losses.BinaryCrossEntropyWithLogits<double>(i[0].Span, i[1].Span, d.Span, i[2].Span, i[3].Span)),
        new("Losses.SigmoidFocalLoss(ReadOnlySpan<T>, ReadOnlySpan<T>, Span<T>, Double, Double)", "losses",
            [Logits, Targets], 6, [AliasPolicy.Same, AliasPolicy.Same],
            (i, d) => Losses.SigmoidFocalLoss<double>(i[0].Span, i[1].Span, d.Span, 0.25, 2)),
        new("Losses.KLDivergenceLoss(ReadOnlySpan<T>, ReadOnlySpan<T>, Span<T>, Boolean)", "losses",
            [[-0.5, -1.2, -2.0, -0.1, -3.0, -4.0], Targets], 6, [AliasPolicy.Same, AliasPolicy.Same],
            (i, d) => Losses.KLDivergenceLoss<double>(i[0].Span, i[1].Span, d.Span)),
        new("Losses.CrossEntropyGradient(ReadOnlySpan<T>, Int32, ReadOnlySpan<Int32>, Span<T>, Reduction, CrossEntropyOptions)", "gradient", [Logits], 6, [AliasPolicy.Same],
            (i, d) => Losses.CrossEntropyGradient<double>(i[0].Span, 3, ClassIndices, d.Span, options: new() { LabelSmoothing = 0.1, Weight = [1, 2, 3] })),
        new("Losses.CrossEntropyGradient(ReadOnlySpan<T>, Int32, ReadOnlySpan<T>, Span<T>, Reduction, CrossEntropyOptions)", "gradient", [Logits, Targets], 6, [AliasPolicy.Same, AliasPolicy.None],
            (i, d) => Losses.CrossEntropyGradient<double>(i[0].Span, 3, i[1].Span, d.Span)),
        // The fused linear loss: hidden N × d = 2 × 3, weight V × d = 3 × 3, bias V = 3; every destination is separate.
        new("Losses.LinearCrossEntropy(ReadOnlySpan<T>, ReadOnlySpan<T>, ReadOnlySpan<T>, Int32, ReadOnlySpan<Int32>, Span<T>, CrossEntropyOptions)", "losses",
            [Hidden, Weight, Bias], 2, [AliasPolicy.None, AliasPolicy.None, AliasPolicy.None],
            (i, d) => Losses.LinearCrossEntropy<double>(i[0].Span, i[1].Span, i[2].Span, 3, ClassIndices, d.Span)),
        new("Losses.LinearCrossEntropyGradient(ReadOnlySpan<T>, ReadOnlySpan<T>, ReadOnlySpan<T>, Int32, ReadOnlySpan<Int32>, Span<T>, Span<T>, Span<T>, Reduction, CrossEntropyOptions)", "hiddenGradient",
            [Hidden, Weight, Bias], 6, [AliasPolicy.None, AliasPolicy.None, AliasPolicy.None],
            (i, d) => Losses.LinearCrossEntropyGradient<double>(i[0].Span, i[1].Span, i[2].Span, 3, ClassIndices, d.Span, new double[9], new double[3])),
        new("Losses.LinearLogits(ReadOnlySpan<T>, ReadOnlySpan<T>, ReadOnlySpan<T>, Int32, Span<T>)", "logits",
            [Hidden, Weight, Bias], 6, [AliasPolicy.None, AliasPolicy.None, AliasPolicy.None],
            (i, d) => Losses.LinearLogits<double>(i[0].Span, i[1].Span, i[2].Span, 3, d.Span)),
    ];

    public static TheoryData<SpanMethod> AllCases => [.. Cases];

    // Positions 0 … n−1 of one shared buffer hold the aliased input; the destination starts at 0 (same span) or 1.
    [Theory]
    [MemberData(nameof(AllCases))]
    public void Destination_aliasing_each_input_is_correct_or_rejected(SpanMethod c)
    {
        double[] expected = Run(c, separate: -1, destinationOffset: 0);
        for (int i = 0; i < c.Inputs.Length; i++)
        {
            bool sameShape = c.Inputs[i].Length == c.DestinationLength;
            if (c.Policies[i] == AliasPolicy.Same)
            {
                Assert.True(sameShape, $"{c}: only an input of the destination's length can be the destination");
                Assert.Equal(expected, Run(c, separate: i, destinationOffset: 0));
            }
            else
            {
                var e = Assert.Throws<ArgumentException>(() => Run(c, separate: i, destinationOffset: 0));
                Assert.Equal(c.DestinationName, e.ParamName);
            }

            // Partial overlap: never meaningful for these algorithms, always rejected.
            var partial = Assert.Throws<ArgumentException>(() => Run(c, separate: i, destinationOffset: 1));
            Assert.Equal(c.DestinationName, partial.ParamName);
            Assert.Contains("overlaps", partial.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Runs the case with input <paramref name="separate"/> placed in the destination's buffer (−1: none).</summary>
    private static double[] Run(SpanMethod c, int separate, int destinationOffset)
    {
        var inputs = new Memory<double>[c.Inputs.Length];
        double[] shared = new double[Math.Max(c.DestinationLength, separate < 0 ? 0 : c.Inputs[separate].Length) + destinationOffset];
        for (int i = 0; i < inputs.Length; i++)
        {
            if (i == separate)
            {
                c.Inputs[i].CopyTo(shared, 0);
                inputs[i] = shared.AsMemory(0, c.Inputs[i].Length);
            }
            else
            {
                inputs[i] = (double[])c.Inputs[i].Clone();
            }
        }

        Memory<double> destination = separate < 0 ? new double[c.DestinationLength] : shared.AsMemory(destinationOffset, c.DestinationLength);
        c.Invoke(inputs, destination);
        return destination.ToArray();
    }

    // Same start is not enough: a broadcast factor of length 3 over the first half of a losses span of length 6
    // would be overwritten before it is read again, so only the identical span counts as "in place".
    [Fact]
    public void Same_start_with_a_different_length_is_rejected()
    {
        double[] buffer = [1, 2, 3, 0, 0, 0];
        var e = Assert.Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits<double>(
            [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0.0, 1, 0, 1, 0, 1], buffer, posWeight: buffer.AsSpan(0, 3)));
        Assert.Equal("losses", e.ParamName);
        Assert.Contains("pass the input itself (in place) or a separate buffer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_public_span_method_is_in_the_table()
    {
        string[] found =
        [
            .. new[] { typeof(StableMath), typeof(Losses) }
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
                .Where(m => m.GetParameters().Any(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(Span<>)))
                .Select(Signature)
                .Order(StringComparer.Ordinal),
        ];
        Assert.Equal(found, Cases.Select(c => c.Signature).Order(StringComparer.Ordinal));
    }

    private static string Signature(MethodInfo m) =>
        $"{m.DeclaringType!.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => TypeName(p.ParameterType)))})";

    private static string TypeName(Type t) =>
        t.IsGenericType ? $"{t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", t.GetGenericArguments().Select(TypeName))}>" : t.Name;
}
