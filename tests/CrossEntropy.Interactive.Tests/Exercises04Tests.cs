using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Tests;

// Notebook 4's checks. Its answers are exact: counts of floats or integers, a float checked bit for bit, and a function
// run on three inputs. The right answer is Solved, the placeholder NotSolvedYet, each typical mistake Incorrect with its
// hint, and no message contains the value.

public class Exercises04Tests
{
    [Fact]
    public void Float_threshold_is_an_exact_count()
    {
        var largest = 88f;
        var count = 1;
        while (float.IsFinite(MathF.Exp(MathF.BitIncrement(largest))))
        {
            largest = MathF.BitIncrement(largest);
            count++;
        }
        Assert.Equal(BitConverter.SingleToInt32Bits(largest) - BitConverter.SingleToInt32Bits(88f) + 1, count);
        Assert.True(float.IsPositiveInfinity(MathF.Exp(MathF.Log(float.MaxValue))));   // the next float is ln(float.MaxValue)
        Assert.Equal(MathF.BitIncrement(largest), MathF.Log(float.MaxValue));
        Verdict.Solved(Exercises04.FloatThreshold(count));
        Verdict.NotSolvedYet(Exercises04.FloatThreshold(double.NaN));
        var steps = Exercises04.FloatThreshold(count - 1);
        Verdict.Incorrect(steps, "counted the steps");
        Verdict.Incorrect(Exercises04.FloatThreshold(count + 1), "one float too many");
        Verdict.Incorrect(Exercises04.FloatThreshold(131072), "every float from 88 up to 89");
        Verdict.Incorrect(Exercises04.FloatThreshold(5_000_000), "Math.Exp in double");
        Verdict.Incorrect(Exercises04.FloatThreshold(0), "whole number");
        Verdict.Incorrect(Exercises04.FloatThreshold(94700), "count the floats, 88 included");   // close is not a count
        Verdict.HidesValue(steps, count);
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
    public void Sigmoid_infinity_is_an_exact_count()
    {
        var largestInfinite = 0.0;
        while (double.IsFinite(Textbook.BinaryCrossEntropyOfSigmoid(largestInfinite, 1.0))) { largestInfinite--; }
        Assert.Equal(-710, largestInfinite);   // e^710 overflows double; e^709 does not
        var count = (int)largestInfinite + 1000 + 1;   // −1000 … −710
        Verdict.Solved(Exercises04.SigmoidInfinity(count));
        Verdict.NotSolvedYet(Exercises04.SigmoidInfinity(double.NaN));
        var underflow = Exercises04.SigmoidInfinity(1000 - 746 + 1);   // −1000 … −746, where e^x is 0
        Verdict.Incorrect(underflow, "e^x itself underflows");
        Verdict.Incorrect(Exercises04.SigmoidInfinity(count - 1), "one short");
        Verdict.Incorrect(Exercises04.SigmoidInfinity(count + 1), "one too many");
        Verdict.Incorrect(Exercises04.SigmoidInfinity(1001 - count), "how many are finite");
        Verdict.Incorrect(Exercises04.SigmoidInfinity(2000), "whole number between 0 and 1001");
        Verdict.Incorrect(Exercises04.SigmoidInfinity(100), "count the infinite results");
        foreach (var wrong in new[] { count - 1, count + 1, 2000, 100 })
        {
            Verdict.HidesValue(Exercises04.SigmoidInfinity(wrong), count);
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
