using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Tests;

// Notebook 4's checks. Its answers are floating-point boundaries, checked bit for bit: the right float is Solved, the
// placeholder NotSolvedYet, a neighbour or a rounded printed value Incorrect with a hint, and no message contains the value.

public class Exercises04Tests
{
    private static float Threshold()
    {
        var largest = 88f;
        while (float.IsFinite(MathF.Exp(MathF.BitIncrement(largest))))
        {
            largest = MathF.BitIncrement(largest);
        }
        return largest;
    }

    [Fact]
    public void Float_threshold_is_bit_exact()
    {
        var largest = Threshold();
        Verdict.Solved(Exercises04.FloatThreshold(largest));
        Verdict.NotSolvedYet(Exercises04.FloatThreshold(float.NaN));
        // The old check's 1e-5 tolerance accepted this one although its exponential is ∞.
        Assert.True(float.IsPositiveInfinity(MathF.Exp(MathF.Log(float.MaxValue))));
        var lnMax = Exercises04.FloatThreshold(MathF.Log(float.MaxValue));
        Verdict.Incorrect(lnMax, "MathF.Exp of your value is ∞");
        Verdict.Incorrect(Exercises04.FloatThreshold(88f), "largest integer");
        Verdict.Incorrect(Exercises04.FloatThreshold(MathF.BitDecrement(largest)), "one float too low");
        Verdict.Incorrect(Exercises04.FloatThreshold(709.78f), "double threshold");
        Verdict.Incorrect(Exercises04.FloatThreshold(50f), "BitIncrement");
        Verdict.Incorrect(Exercises04.FloatThreshold(88.72f), "BitIncrement");   // ln(float.MaxValue) as section 1 prints it: not the boundary
        Verdict.HidesValue(lnMax, largest);
    }

    [Fact]
    public void Stable_softmax_runs_the_students_function()
    {
        float[] Reference(float[] x)
        {
            var shifted = x.Select(v => v - x.Max()).ToArray();
            var e = shifted.Select(MathF.Exp).ToArray();
            return e.Select(v => v / e.Sum()).ToArray();
        }
        Verdict.Solved(Exercises04.StableSoftmax(Reference));
        Verdict.NotSolvedYet(Exercises04.StableSoftmax(null));
        Verdict.Incorrect(Exercises04.StableSoftmax(x => x.Select(MathF.Exp).Select(e => e / x.Select(MathF.Exp).Sum()).ToArray()), "Subtract the maximum");
        Verdict.Incorrect(Exercises04.StableSoftmax(x => x.Select(v => MathF.Exp(v - x.Max())).ToArray()), "divide them by their sum");
        Verdict.Incorrect(Exercises04.StableSoftmax(x => [0.5f, 0.5f]), "differ from the stable softmax");
        Verdict.Incorrect(Exercises04.StableSoftmax(x => [1f]), "has 1 value");
        Verdict.Incorrect(Exercises04.StableSoftmax(x => null!), "returned null");
        var thrown = Exercises04.StableSoftmax(x => x[5..]);
        Verdict.Incorrect(thrown, "could not be checked");
        Assert.DoesNotContain("   at ", thrown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sigmoid_infinity_is_exact()
    {
        var x = 0.0;
        while (double.IsFinite(Textbook.BinaryCrossEntropyOfSigmoid(x, 1.0))) { x--; }
        Assert.Equal(-710, x);   // e^710 overflows double; e^709 does not
        Verdict.Solved(Exercises04.SigmoidInfinity(x));
        Verdict.NotSolvedYet(Exercises04.SigmoidInfinity(double.NaN));
        Verdict.Incorrect(Exercises04.SigmoidInfinity(-x), "look below 0");
        Verdict.Incorrect(Exercises04.SigmoidInfinity(x + 1), "still finite");
        Verdict.Incorrect(Exercises04.SigmoidInfinity(-745), "e^x itself would underflow");
        Verdict.Incorrect(Exercises04.SigmoidInfinity(x - 3), "largest such integer");
        Verdict.Incorrect(Exercises04.SigmoidInfinity(-300), "walk x down");
        foreach (var wrong in new[] { -x, x + 1, -745, x - 3, -300 })
        {
            Verdict.HidesValue(Exercises04.SigmoidInfinity(wrong), x);
        }
    }

    [Fact]
    public void Clipping_in_float_is_exact()
    {
        var expected = Textbook.ClippedCrossEntropy<float>([1f, 0f], [1f, 0f]);
        Assert.NotEqual(1e-7, (double)expected, 9);   // the point of the exercise
        Verdict.Solved(Exercises04.ClippingInFloat(-MathF.Log(1f - 1e-7f)));
        Verdict.NotSolvedYet(Exercises04.ClippingInFloat(float.NaN));
        var asDouble = Exercises04.ClippingInFloat(1e-7f);
        Verdict.Incorrect(asDouble, "double result");
        Verdict.Incorrect(Exercises04.ClippingInFloat(0f), "still charged");
        Verdict.Incorrect(Exercises04.ClippingInFloat(MathF.BitIncrement(expected)), "one float away");
        Verdict.Incorrect(Exercises04.ClippingInFloat(1.19e-7f), "every step in float");   // 3 digits are not the float
        Verdict.HidesValue(asDouble, expected);
    }
}
