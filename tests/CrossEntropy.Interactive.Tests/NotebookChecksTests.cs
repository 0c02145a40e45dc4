using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Tests;

// For every exercise: the reference solution (as in the teacher notebook) is Solved, the placeholder is NotSolvedYet,
// each typical mistake is Incorrect with its intended hint, and no message contains the expected value.

public class Exercises03Tests
{
    private static readonly double[] P = [0.5, 0.5], Z = [0.7, 0.3];

    [Fact]
    public void Bits_from_nats()
    {
        var q = StableMath.Softmax(Z);
        double[] stepped = [Z[0] - (q[0] - P[0]), Z[1] - (q[1] - P[1])];   // one step of gradient descent, rate 1
        var nats = Losses.CrossEntropy<double>(stepped, 2, P);
        Verdict.Solved(Exercises03.BitsFromNats(nats / Math.Log(2)));
        Verdict.Solved(Exercises03.BitsFromNats(0.698271 / Math.Log(2)));   // from the printed digits
        Verdict.NotSolvedYet(Exercises03.BitsFromNats(double.NaN));
        Verdict.Incorrect(Exercises03.BitsFromNats(0.7130152524 / Math.Log(2)), "before the step");
        var multiplied = Exercises03.BitsFromNats(nats * Math.Log(2));
        Verdict.Incorrect(multiplied, "you multiplied by ln 2");
        Verdict.Incorrect(Exercises03.BitsFromNats(nats / Math.Log(10)), "hartleys");
        Verdict.Incorrect(Exercises03.BitsFromNats(-nats / Math.Log(2)), "sign is wrong");
        Verdict.HidesValue(multiplied, nats / Math.Log(2));
    }

    [Fact]
    public void Best_logits_accepts_every_equal_pair()
    {
        Verdict.Solved(Exercises03.BestLogits([0, 0]));
        Verdict.Solved(Exercises03.BestLogits([3.5, 3.5]));
        Verdict.NotSolvedYet(Exercises03.BestLogits(null));
        Verdict.Incorrect(Exercises03.BestLogits(Z), "above its floor");
        Verdict.Incorrect(Exercises03.BestLogits([1, 1, 1]), "two logits");
        Verdict.Incorrect(Exercises03.BestLogits([double.PositiveInfinity, double.PositiveInfinity]), "finite");
    }

    [Fact]
    public void Hard_label()
    {
        double[] z = [0.2, 1.4];
        var q = StableMath.Softmax(z);
        var loss = Losses.CrossEntropy<double>(z, classCount: 2, targets: [0]);
        double[] gradient = [q[0] - 1, q[1]];
        Verdict.Solved(Exercises03.HardLabel(loss, gradient));
        Verdict.Solved(Exercises03.HardLabel(Math.Log(1 + Math.Exp(z[1] - z[0])), gradient));   // softplus(z₁ − z₀)
        Verdict.NotSolvedYet(Exercises03.HardLabel(double.NaN, null));
        Verdict.NotSolvedYet(Exercises03.HardLabel(loss, null));
        Verdict.Incorrect(Exercises03.HardLabel(Losses.CrossEntropy<double>(Z, classCount: 2, targets: [0]), gradient), "blog's z");
        Verdict.Incorrect(Exercises03.HardLabel(Losses.CrossEntropy<double>(z, 2, P), gradient), "[0.5, 0.5]");
        Verdict.Incorrect(Exercises03.HardLabel(-Math.Log(q[1]), gradient), "class 1");
        Verdict.Incorrect(Exercises03.HardLabel(loss / Math.Log(2), gradient), "nats");
        var sign = Exercises03.HardLabel(loss, [1 - q[0], -q[1]]);
        Verdict.Incorrect(sign, "q − p, not p − q");
        Verdict.Incorrect(Exercises03.HardLabel(loss, q), "subtract the target");
        Verdict.Incorrect(Exercises03.HardLabel(loss, [q[0] - 0.5, q[1] - 0.5]), "old target");
        Verdict.Incorrect(Exercises03.HardLabel(loss, [1.0]), "has 1 value");
        Verdict.HidesValues(sign, [loss, .. gradient]);
    }

    [Fact]
    public void Temperature_gradient_accepts_a_finite_difference()
    {
        const double t = 2, h = 1e-6;
        double Loss(double[] z) => Losses.CrossEntropy<double>(z.Select(v => v / t).ToArray(), 2, P);
        double[] numeric = [(Loss([Z[0] + h, Z[1]]) - Loss([Z[0] - h, Z[1]])) / (2 * h), (Loss([Z[0], Z[1] + h]) - Loss([Z[0], Z[1] - h])) / (2 * h)];
        var qT = StableMath.Softmax(Z, t);
        double[] qMinusP = [qT[0] - 0.5, qT[1] - 0.5];
        var q1 = StableMath.Softmax(Z);
        Verdict.Solved(Exercises03.TemperatureGradient(qMinusP.Select(g => g / t).ToArray()));
        Verdict.Solved(Exercises03.TemperatureGradient(numeric));
        Verdict.NotSolvedYet(Exercises03.TemperatureGradient(null));
        var noT = Exercises03.TemperatureGradient(qMinusP);
        Verdict.Incorrect(noT, "1 / T");
        Verdict.Incorrect(Exercises03.TemperatureGradient(qMinusP.Select(g => g * t).ToArray()), "you multiplied by T");
        Verdict.Incorrect(Exercises03.TemperatureGradient([(q1[0] - 0.5) / t, (q1[1] - 0.5) / t]), "softmax(z / T), not softmax(z)");
        Verdict.Incorrect(Exercises03.TemperatureGradient(qMinusP.Select(g => -g / t).ToArray()), "signs are flipped");
        Verdict.HidesValues(noT, qMinusP.Select(g => g / t));
    }
}

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
        Verdict.HidesValue(asDouble, expected);
    }
}

public class Exercises05Tests
{
    [Fact]
    public void Scale_free_weights()
    {
        double[] logits = [0.2, 0.3, 0.5, 0.5, 0.2, 0.3];
        int[] targets = [2, 1];
        double[] w = [2, 4, 6];
        double Mean(double scale) => Losses.CrossEntropy<double>(logits, 3, targets, Reduction.Mean,
            new CrossEntropyOptions { Weight = w.Select(v => v * scale).ToArray() });
        double Sum(double scale) => Losses.CrossEntropy<double>(logits, 3, targets, Reduction.Sum,
            new CrossEntropyOptions { Weight = w.Select(v => v * scale).ToArray() });
        Verdict.Solved(Exercises05.ScaleFreeWeights(Mean(1000) / Mean(1)));
        Verdict.NotSolvedYet(Exercises05.ScaleFreeWeights(double.NaN));
        Verdict.Incorrect(Exercises05.ScaleFreeWeights(Sum(1000) / Sum(1)), "Reduction.Sum");
        Verdict.Incorrect(Exercises05.ScaleFreeWeights(Sum(1) / Sum(1000)), "Reduction.Mean");
        Verdict.Incorrect(Exercises05.ScaleFreeWeights(2), "scaled one over the original");
    }

    [Fact]
    public void Stronger_smoothing()
    {
        double[] t = [1 - 0.2 + 0.2 / 3, 0.2 / 3, 0.2 / 3];
        var expected = Information.Entropy(t);
        Verdict.Solved(Exercises05.StrongerSmoothing(expected));
        Verdict.NotSolvedYet(Exercises05.StrongerSmoothing(double.NaN));
        Verdict.Incorrect(Exercises05.StrongerSmoothing(Information.Entropy([1 - 0.1 + 0.1 / 3, 0.1 / 3, 0.1 / 3])), "ε = 0.1");
        Verdict.Incorrect(Exercises05.StrongerSmoothing(Information.Entropy([0.8, 0.1, 0.1])), "other classes only");
        Verdict.HidesValue(Exercises05.StrongerSmoothing(Information.Entropy([0.8, 0.1, 0.1])), expected);
        var bits = Exercises05.StrongerSmoothing(Information.Entropy(t, InformationUnit.Bits));
        Verdict.Incorrect(bits, "base of your logarithm");
        Verdict.HidesValue(bits, expected);
    }

    [Fact]
    public void Soft_targets()
    {
        int[] y = [0, 2, 1];
        const int c = 3;
        const double e = 0.1;
        double[] Rows(double onTrue, double onOther) => y.SelectMany(t => Enumerable.Range(0, c).Select(k => k == t ? onTrue : onOther)).ToArray();
        Verdict.Solved(Exercises05.SoftTargets(Rows(1 - e + e / c, e / c), y, c, e));
        Verdict.NotSolvedYet(Exercises05.SoftTargets(null, y, c, e));
        Verdict.Incorrect(Exercises05.SoftTargets(Rows(1, 0), y, c, e), "one-hot");
        Verdict.Incorrect(Exercises05.SoftTargets(Rows(1 - e, e / (c - 1)), y, c, e), "other classes only");
        Verdict.Incorrect(Exercises05.SoftTargets(Rows(1 - e, e / c), y, c, e), "its own share");
        Verdict.Incorrect(Exercises05.SoftTargets(Rows(0.5, 0.5), y, c, e), "do not sum to 1");
        Verdict.Incorrect(Exercises05.SoftTargets(Rows(1 - e + e / c, e / c)[..6], y, c, e), "has 6 values");
        var wrong = Exercises05.SoftTargets(Rows(1, 0), y, c, e);
        Verdict.HidesValues(wrong, [1 - e + e / c, e / c]);
    }

    [Fact]
    public void Learning_rate_choice() =>
        Verdict.Choice(Exercises05.LearningRate, 'b', ('a', "ever rise"), ('c', "last step"));
}
