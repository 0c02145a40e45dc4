using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Tests;

// Notebook 3's checks: the teacher's solution and a correct hand answer at the stated precision are Solved (the latter
// "right, to n ..."), the placeholder NotSolvedYet, each typical mistake Incorrect with its hint, and no message
// contains the expected value.

public class Exercises03Tests
{
    private static readonly double[] P = [0.5, 0.5], Z = [0.7, 0.3];

    private static double LossAfterOneStep()
    {
        var q = StableMath.Softmax(Z);
        double[] stepped = [Z[0] - (q[0] - P[0]), Z[1] - (q[1] - P[1])];   // one step of gradient descent, rate 1
        return Losses.CrossEntropy<double>(stepped, 2, P);
    }

    [Fact]
    public void Bits_from_nats_checks_both_questions()
    {
        var nats = LossAfterOneStep();
        var bits = nats / Math.Log(2);
        Verdict.Solved(Exercises03.BitsFromNats(bits, bits - 1));
        Verdict.Solved(Exercises03.BitsFromNats(0.698271 / Math.Log(2), 0.698271 / Math.Log(2) - 1));   // from the printed digits
        var byHand = Exercises03.BitsFromNats(1.0074, 0.0074);                                            // 4 decimal places
        Verdict.Solved(byHand);
        Assert.Contains("right, to 4 decimal places", byHand.Message, StringComparison.Ordinal);
        Verdict.NotSolvedYet(Exercises03.BitsFromNats(double.NaN, double.NaN));
        Verdict.NotSolvedYet(Exercises03.BitsFromNats(1.0074, double.NaN));
        Verdict.Incorrect(Exercises03.BitsFromNats(1.0073, 0.0074), "one unit off");
        // The first question's mistakes.
        Verdict.Incorrect(Exercises03.BitsFromNats(0.7130152524 / Math.Log(2), 0.0074), "before the step");
        var multiplied = Exercises03.BitsFromNats(nats * Math.Log(2), 0.0074);
        Verdict.Incorrect(multiplied, "you multiplied by ln 2");
        Verdict.Incorrect(Exercises03.BitsFromNats(nats / Math.Log(10), 0.0074), "hartleys");
        Verdict.Incorrect(Exercises03.BitsFromNats(-bits, 0.0074), "sign is wrong");
        // The second question's mistakes, with the first answered right.
        var inNats = Exercises03.BitsFromNats(1.0074, nats - Math.Log(2));
        Verdict.Incorrect(inNats, "in nats");
        Verdict.Incorrect(Exercises03.BitsFromNats(1.0074, 1.0286635687 - 1), "before the step");
        Verdict.Incorrect(Exercises03.BitsFromNats(1.0074, 1.0074), "not the loss itself");
        Verdict.Incorrect(Exercises03.BitsFromNats(1.0074, -0.0074), "never below its floor");
        Verdict.Incorrect(Exercises03.BitsFromNats(1.0074, 0.5), "loss − floor");
        Verdict.HidesValues(multiplied, [bits, bits - 1]);
        Verdict.HidesValues(inNats, [bits, bits - 1]);
    }

    [Fact]
    public void Best_logits_accepts_every_equal_pair()
    {
        Verdict.Solved(Exercises03.BestLogits([0, 0]));
        Verdict.Solved(Exercises03.BestLogits([3.5, 3.5]));
        Verdict.NotSolvedYet(Exercises03.BestLogits(null));
        Verdict.Incorrect(Exercises03.BestLogits(Z), "above its floor");
        Verdict.Incorrect(Exercises03.BestLogits([0.5, 0.5001]), "above its floor");   // close is not at the floor to 12 digits
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
        var byHand = Exercises03.HardLabel(1.463, [-0.7685, 0.7685]);                              // 4 significant digits
        Verdict.Solved(byHand);
        Assert.Contains("right, to 4 significant digits", byHand.Message, StringComparison.Ordinal);
        Verdict.NotSolvedYet(Exercises03.HardLabel(double.NaN, null));
        Verdict.NotSolvedYet(Exercises03.HardLabel(loss, null));
        Verdict.Incorrect(Exercises03.HardLabel(Losses.CrossEntropy<double>(Z, classCount: 2, targets: [0]), gradient), "blog's z");
        Verdict.Incorrect(Exercises03.HardLabel(Losses.CrossEntropy<double>(z, 2, P), gradient), "[0.5, 0.5]");
        Verdict.Incorrect(Exercises03.HardLabel(-Math.Log(q[1]), gradient), "class 1");
        Verdict.Incorrect(Exercises03.HardLabel(loss / Math.Log(2), gradient), "nats");
        var sign = Exercises03.HardLabel(loss, [1 - q[0], -q[1]]);
        Verdict.Incorrect(sign, "q − p, not p − q");
        Verdict.Incorrect(Exercises03.HardLabel(1.463, [0.7685, -0.7685]), "q − p, not p − q");       // the same slip by hand
        Verdict.Incorrect(Exercises03.HardLabel(loss, q), "subtract the target");
        Verdict.Incorrect(Exercises03.HardLabel(loss, [q[0] - 0.5, q[1] - 0.5]), "old target");
        Verdict.Incorrect(Exercises03.HardLabel(loss, [1.0]), "has 1 value");
        Verdict.HidesValues(sign, [loss, .. gradient]);
    }

    [Fact]
    public void Temperature_gradient_accepts_a_hand_answer_and_a_finite_difference()
    {
        const double t = 2, h = 1e-6;
        double Loss(double[] z) => Losses.CrossEntropy<double>(z.Select(v => v / t).ToArray(), 2, P);
        double[] numeric = [(Loss([Z[0] + h, Z[1]]) - Loss([Z[0] - h, Z[1]])) / (2 * h), (Loss([Z[0], Z[1] + h]) - Loss([Z[0], Z[1] - h])) / (2 * h)];
        var qT = StableMath.Softmax(Z, t);
        double[] qMinusP = [qT[0] - 0.5, qT[1] - 0.5];
        var q1 = StableMath.Softmax(Z);
        Verdict.Solved(Exercises03.TemperatureGradient(qMinusP.Select(g => g / t).ToArray()));
        Verdict.Solved(Exercises03.TemperatureGradient(numeric));
        var byHand = Exercises03.TemperatureGradient([0.02492, -0.02492]);                        // 4 significant digits
        Verdict.Solved(byHand);
        Assert.Contains("right, to 4 significant digits", byHand.Message, StringComparison.Ordinal);
        Verdict.NotSolvedYet(Exercises03.TemperatureGradient(null));
        var noT = Exercises03.TemperatureGradient(qMinusP);
        Verdict.Incorrect(noT, "1 / T");
        Verdict.Incorrect(Exercises03.TemperatureGradient([0.04983, -0.04983]), "1 / T");           // the same slip by hand
        Verdict.Incorrect(Exercises03.TemperatureGradient(qMinusP.Select(g => g * t).ToArray()), "you multiplied by T");
        Verdict.Incorrect(Exercises03.TemperatureGradient([(q1[0] - 0.5) / t, (q1[1] - 0.5) / t]), "softmax(z / T), not softmax(z)");
        Verdict.Incorrect(Exercises03.TemperatureGradient(qMinusP.Select(g => -g / t).ToArray()), "signs are flipped");
        Verdict.HidesValues(noT, qMinusP.Select(g => g / t));
    }
}
