using System.Globalization;
using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Tests;

// Notebook 5's checks: the teacher's solution and a correct hand answer at the stated precision are Solved, the
// placeholder NotSolvedYet, each typical mistake Incorrect with its hint, and no message contains the expected value.

public class Exercises05Tests
{
    [Fact]
    public void Scaling_the_weights_checks_the_mean_and_the_sum()
    {
        double[] logits = [1.2, -0.4, 0.3, 0.1, 0.9, -1.5, 0.0, 0.2, 2.2];
        int[] targets = [0, 2, 1];
        double[] w = [0.5, 1, 3];
        double Ratio(Reduction reduction) =>
            Losses.CrossEntropy<double>(logits, 3, targets, reduction, new CrossEntropyOptions { Weight = w.Select(v => v * 1000).ToArray() })
            / Losses.CrossEntropy<double>(logits, 3, targets, reduction, new CrossEntropyOptions { Weight = w });
        var (mean, sum) = (Ratio(Reduction.Mean), Ratio(Reduction.Sum));
        Verdict.Solved(Exercises05.ScaleFreeWeights(mean, sum));
        var byHand = Exercises05.ScaleFreeWeights(1, 1000);
        Verdict.Solved(byHand);
        Verdict.NotSolvedYet(Exercises05.ScaleFreeWeights(double.NaN, double.NaN));
        Verdict.NotSolvedYet(Exercises05.ScaleFreeWeights(mean, double.NaN));
        Verdict.Incorrect(Exercises05.ScaleFreeWeights(sum, mean), "swapped");
        Verdict.Incorrect(Exercises05.ScaleFreeWeights(sum, sum), "numerator and to the denominator");
        Verdict.Incorrect(Exercises05.ScaleFreeWeights(1 / sum, sum), "old over new");
        Verdict.Incorrect(Exercises05.ScaleFreeWeights(2, sum), "divide it by the one with the original weights");
        Verdict.Incorrect(Exercises05.ScaleFreeWeights(mean, mean), "no Σ w to divide by");
        Verdict.Incorrect(Exercises05.ScaleFreeWeights(mean, 1 / sum), "upside down");
        Verdict.Incorrect(Exercises05.ScaleFreeWeights(mean, 10), "divide it by the original sum");
    }

    // A small 2-D data set of three classes, not separable by lines everywhere, row-major N × 2.
    private static readonly double[] Points =
        [-1.4, -0.6, -1.9, 0.2, -0.8, -1.1, -1.2, 0.4, 1.3, -0.2, 1.8, -0.9, 0.6, -0.5, 1.1, 0.7, 0.1, 1.6, -0.3, 1.2, 0.5, 1.9, -0.9, 0.3];
    private static readonly int[] Labels = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 0];
    private const int Classes = 3, Steps = 200;
    private const double Rate = 0.5;

    // An independent trainer for the test: per point q = softmax(xW + b), gradient (q − t) / N, written out in full.
    private static double Trained(double epsilon, int steps)
    {
        int n = Labels.Length;
        var w = new double[2, Classes];
        var b = new double[Classes];
        double[][] targets = Labels.Select(y => Enumerable.Range(0, Classes).Select(c => (c == y ? 1 - epsilon : 0) + epsilon / Classes).ToArray()).ToArray();
        double[] Predict(int i) => StableMath.Softmax(Enumerable.Range(0, Classes)
            .Select(c => Points[2 * i] * w[0, c] + Points[2 * i + 1] * w[1, c] + b[c]).ToArray());
        for (int step = 0; step < steps; step++)
        {
            var q = Enumerable.Range(0, n).Select(Predict).ToArray();
            for (int c = 0; c < Classes; c++)
            {
                double g0 = 0, g1 = 0, gb = 0;
                for (int i = 0; i < n; i++)
                {
                    double g = (q[i][c] - targets[i][c]) / n;
                    g0 += Points[2 * i] * g;
                    g1 += Points[2 * i + 1] * g;
                    gb += g;
                }
                w[0, c] -= Rate * g0;
                w[1, c] -= Rate * g1;
                b[c] -= Rate * gb;
            }
        }
        return Enumerable.Range(0, n).Average(i => Information.CrossEntropy(targets[i], Predict(i)));
    }

    private static double FourDigits(double x) => double.Parse(x.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static ExerciseResult Stronger(double floor, double loss) =>
        Exercises05.StrongerSmoothing(floor, loss, Points, Labels, Classes, Steps, Rate);

    [Fact]
    public void Stronger_smoothing_checks_the_floor_and_the_retrained_loss()
    {
        double[] t = [1 - 0.2 + 0.2 / 3, 0.2 / 3, 0.2 / 3];
        var floor = Information.Entropy(t);
        var loss = Trained(0.2, Steps);
        Assert.True(loss > floor && loss < Math.Log(3));
        Verdict.Solved(Stronger(floor, loss));
        var byHand = Stronger(0.4851, FourDigits(loss));
        Verdict.Solved(byHand);
        Assert.Contains("right, to 4 significant digits", byHand.Message, StringComparison.Ordinal);
        Verdict.NotSolvedYet(Stronger(double.NaN, double.NaN));
        Verdict.NotSolvedYet(Stronger(floor, double.NaN));
        // The floor's mistakes.
        Verdict.Incorrect(Stronger(Information.Entropy([1 - 0.1 + 0.1 / 3, 0.1 / 3, 0.1 / 3]), loss), "ε = 0.1");
        var spread = Stronger(Information.Entropy([0.8, 0.1, 0.1]), loss);
        Verdict.Incorrect(spread, "other classes only");
        var bits = Stronger(Information.Entropy(t, InformationUnit.Bits), loss);
        Verdict.Incorrect(bits, "base of your logarithm");
        Verdict.Incorrect(Stronger(-floor, loss), "sign");
        // The retrained loss's mistakes, with the floor right.
        var old = Stronger(floor, Trained(0.1, Steps));
        Verdict.Incorrect(old, "trained with ε = 0.1");
        Verdict.Incorrect(Stronger(floor, loss - floor), "above the floor");
        Verdict.Incorrect(Stronger(floor, Math.Log(3)), "before the first step");
        Verdict.Incorrect(Stronger(floor, floor * 0.9), "below the floor");
        Verdict.Incorrect(Stronger(floor, Trained(0.2, Steps / 4)), "retrain with LabelSmoothing = 0.2");   // too few steps
        Verdict.Incorrect(Exercises05.StrongerSmoothing(floor, loss, Points[..5], Labels, Classes, Steps, Rate), "multiple");
        foreach (var wrong in new[] { spread, bits, old })
        {
            Verdict.HidesValues(wrong, [floor, loss]);
        }
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
