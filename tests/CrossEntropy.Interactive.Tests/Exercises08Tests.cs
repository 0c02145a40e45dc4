using System.Globalization;
using CrossEntropy.Interactive.Exercises;

namespace CrossEntropy.Interactive.Tests;

// Each reference below is recomputed here from the exercise's inputs with plain Math (no library), the way a student
// would: a grid search for 8.1, the formula for 8.2 and 8.3, a walk over Half values for 8.4.
public class Exercises08Tests
{
    private static readonly double[] Logits = [.. Exercises08.ValidationLogits];
    private static readonly int[] Labels = [.. Exercises08.ValidationLabels];

    private static double Nll(double temperature)
    {
        double total = 0;
        for (int r = 0; r < Labels.Length; r++)
        {
            double[] z = Logits.Skip(r * 3).Take(3).Select(v => v / temperature).ToArray();
            double m = z.Max();
            total += m + Math.Log(z.Sum(v => Math.Exp(v - m))) - z[Labels[r]];
        }

        return total / Labels.Length;
    }

    // Golden-section search on T in [0.1, 20]: independent of the check's Newton iteration on β = 1/T.
    private static double BestTemperature()
    {
        double a = 0.1, b = 20, g = (Math.Sqrt(5) - 1) / 2;
        for (int i = 0; i < 200; i++)
        {
            double c = b - (g * (b - a)), d = a + (g * (b - a));
            if (Nll(c) < Nll(d)) { b = d; } else { a = c; }
        }

        return (a + b) / 2;
    }

    private static double Round(double x, int digits) =>
        double.Parse(x.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    [Fact]
    public void Temperature_is_an_interior_minimum_above_one()
    {
        double best = BestTemperature();
        Assert.InRange(best, 1.2, 15); // over-confident rows: the fit softens them, and the minimum is not at the search's ends
        Assert.True(Nll(best) < Nll(1));
    }

    [Fact]
    public void Temperature_accepts_the_reference_and_a_four_digit_hand_answer()
    {
        double best = BestTemperature();
        Verdict.Solved(Exercises08.Temperature(best));
        Verdict.Solved(Exercises08.Temperature(Round(best, 4)));
        Verdict.NotSolvedYet(Exercises08.Temperature(double.NaN));
        Verdict.Incorrect(Exercises08.Temperature(Round(best, 4) + (2 * Math.Pow(10, Math.Floor(Math.Log10(best)) - 3))), "minimise");
    }

    [Fact]
    public void Temperature_names_the_typical_mistakes_and_hides_the_value()
    {
        double best = BestTemperature();
        var reciprocal = Exercises08.Temperature(Round(1 / best, 4));
        Verdict.Incorrect(reciprocal, "β = 1/T");
        Verdict.Incorrect(Exercises08.Temperature(1), "T = 1 leaves the model");
        Verdict.Incorrect(Exercises08.Temperature(-best), "must be positive");
        Verdict.HidesValue(reciprocal, best);
        Verdict.HidesValue(Exercises08.Temperature(best * 3), best);
    }

    private const double X = Exercises08.FocalLogit, Alpha = Exercises08.FocalAlpha, Gamma = Exercises08.FocalGamma;

    private static double P => 1 / (1 + Math.Exp(-X));

    [Fact]
    public void Focal_loss_accepts_the_formula_and_a_four_digit_hand_answer()
    {
        Assert.Equal(0, Exercises08.FocalTarget); // the hints below are written for a negative example
        double pt = 1 - P;
        double expected = (1 - Alpha) * Math.Pow(1 - pt, Gamma) * -Math.Log(pt);
        Verdict.Solved(Exercises08.FocalLoss(expected));
        Verdict.Solved(Exercises08.FocalLoss(Round(expected, 4)));
        Verdict.NotSolvedYet(Exercises08.FocalLoss(double.NaN));
        Verdict.HidesValue(Exercises08.FocalLoss(expected * 1.5), expected);
    }

    [Fact]
    public void Focal_loss_names_each_typical_mistake()
    {
        double pt = 1 - P;
        double ce = -Math.Log(pt);
        Verdict.Incorrect(Exercises08.FocalLoss(Round(Alpha * Math.Pow(1 - pt, Gamma) * ce, 4)), "α_t = 1 − α");
        Verdict.Incorrect(Exercises08.FocalLoss(Round(Math.Pow(1 - pt, Gamma) * ce, 4)), "α_t weight is missing");
        Verdict.Incorrect(Exercises08.FocalLoss(Round((1 - Alpha) * ce, 4)), "modulating factor");
        Verdict.Incorrect(Exercises08.FocalLoss(Round((1 - Alpha) * Math.Pow(pt, Gamma) * ce, 4)), "not p_t^γ");
        Verdict.Incorrect(Exercises08.FocalLoss(Round((1 - Alpha) * Math.Pow(1 - P, Gamma) * -Math.Log(P), 4)), "as if the target were 1");
        Verdict.Incorrect(Exercises08.FocalLoss(Round((1 - Alpha) * Math.Pow(1 - pt, Gamma) * -Math.Log2(pt), 4)), "natural log");
    }

    private static double[] Soft(IReadOnlyList<double> z, double t)
    {
        double m = z.Max();
        double[] e = z.Select(v => Math.Exp((v - m) / t)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    private static double KL(double[] p, double[] q) => p.Zip(q, (a, b) => a * Math.Log(a / b)).Sum();

    [Fact]
    public void Distillation_loss_accepts_the_formula_and_a_four_digit_hand_answer()
    {
        double t = Exercises08.DistillationTemperature;
        double expected = t * t * KL(Soft(Exercises08.TeacherLogits, t), Soft(Exercises08.StudentLogits, t));
        Verdict.Solved(Exercises08.DistillationLoss(expected));
        Verdict.Solved(Exercises08.DistillationLoss(Round(expected, 4)));
        Verdict.NotSolvedYet(Exercises08.DistillationLoss(double.NaN));
        Verdict.HidesValue(Exercises08.DistillationLoss(expected * 2.5), expected);
    }

    [Fact]
    public void Distillation_loss_names_each_typical_mistake()
    {
        double t = Exercises08.DistillationTemperature;
        double[] p = Soft(Exercises08.TeacherLogits, t), q = Soft(Exercises08.StudentLogits, t);
        double kl = KL(p, q);
        var forgotSquare = Exercises08.DistillationLoss(Round(kl, 4));
        Verdict.Incorrect(forgotSquare, "multiplies it by T²");
        Verdict.HidesValue(forgotSquare, t * t * kl);
        Verdict.Incorrect(Exercises08.DistillationLoss(Round(t * kl, 4)), "the factor is T²");
        Verdict.Incorrect(Exercises08.DistillationLoss(Round(t * t * KL(q, p), 4)), "KL(q_T ‖ p_T)");
        double[] p1 = Soft(Exercises08.TeacherLogits, 1), q1 = Soft(Exercises08.StudentLogits, 1);
        Verdict.Incorrect(Exercises08.DistillationLoss(Round(t * t * KL(p1, q1), 4)), "softened at T = 2");
        Verdict.Incorrect(Exercises08.DistillationLoss(Round(KL(p1, q1), 4)), "KL at T = 1");
        double entropy = -p.Sum(v => v * Math.Log(v));
        Verdict.Incorrect(Exercises08.DistillationLoss(Round(t * t * (kl + entropy), 4)), "cross-entropy");
        Verdict.Incorrect(Exercises08.DistillationLoss(Round(t * t * kl / Math.Log(2), 4)), "nats");
    }

    private static Half LargestHalfWithFiniteExp()
    {
        Half x = (Half)1;
        while (Half.IsFinite((Half)Math.Exp((double)Half.BitIncrement(x))))
        {
            x = Half.BitIncrement(x);
        }

        return x;
    }

    [Fact]
    public void Half_threshold_is_bit_exact_and_hides_the_value()
    {
        Half right = LargestHalfWithFiniteExp();
        Verdict.Solved(Exercises08.HalfThreshold(right));
        Verdict.NotSolvedYet(Exercises08.HalfThreshold(Half.NaN));
        var oneAbove = Exercises08.HalfThreshold(Half.BitIncrement(right));
        Verdict.Incorrect(oneAbove, "step down");
        Verdict.HidesValue(oneAbove, (double)right);
        Verdict.Incorrect(Exercises08.HalfThreshold(Half.BitDecrement(right)), "one Half too low");
        Verdict.Incorrect(Exercises08.HalfThreshold((Half)5), "too low");
    }

    [Fact]
    public void Half_threshold_names_the_other_formats_and_the_unrounded_logarithm()
    {
        // ln 65504 is not a Half, and (Half) of it rounds up, past the threshold: both get a hint, not "Solved".
        Verdict.Incorrect(Exercises08.HalfThreshold((Half)Math.Log(65504)), "step down");
        Verdict.Incorrect(Exercises08.HalfThreshold((Half)88.5), "float's");
        Verdict.Incorrect(Exercises08.HalfThreshold(Half.PositiveInfinity), "step down");
    }
}
