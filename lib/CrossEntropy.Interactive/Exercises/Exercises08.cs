using CrossEntropy.Numerics;

using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>
/// Checks of notebook 8 (cross-entropy in modern training): temperature scaling on a small set of logits, a focal loss
/// by hand, a distillation loss at T = 2, and the largest logit whose exponential Half can hold. Every expected value is
/// computed here from the exercise's own inputs, never typed, and never shown.
/// </summary>
public static class Exercises08
{
    private static string TemperatureName => Tr("Exercise 8.1, the temperature of a small validation set");
    private static string FocalName => Tr("Exercise 8.2, one focal loss by hand");
    private static string DistillationName => Tr("Exercise 8.3, a distillation loss at T = 2");
    private static string HalfName => Tr("Exercise 8.4, the largest logit Half can exponentiate");

    /// <summary>Number of classes in <see cref="ValidationLogits"/>.</summary>
    public const int Classes = 3;

    /// <summary>Exercise 8.1: six validation rows of three logits each, row-major.</summary>
    public static IReadOnlyList<double> ValidationLogits { get; } =
    [
        4.0, 0.5, -1.0,
        -0.5, 3.5, 0.0,
        3.0, 2.5, -2.0,
        0.0, -1.0, 5.0,
        4.5, 0.0, 0.5,
        -1.0, 2.0, 1.5,
    ];

    /// <summary>Exercise 8.1: the true class of each validation row.</summary>
    public static IReadOnlyList<int> ValidationLabels { get; } = [0, 1, 1, 2, 2, 1];

    /// <summary>Exercise 8.2: the example's logit.</summary>
    public const double FocalLogit = 0.4;

    /// <summary>Exercise 8.2: the example's target (a negative).</summary>
    public const double FocalTarget = 0;

    /// <summary>Exercise 8.2: α (torchvision's default).</summary>
    public const double FocalAlpha = 0.25;

    /// <summary>Exercise 8.2: γ (torchvision's default).</summary>
    public const double FocalGamma = 2;

    /// <summary>Exercise 8.3: the teacher's logits.</summary>
    public static IReadOnlyList<double> TeacherLogits { get; } = [3.0, 1.0, -1.0];

    /// <summary>Exercise 8.3: the student's logits.</summary>
    public static IReadOnlyList<double> StudentLogits { get; } = [1.0, 0.5, 0.0];

    /// <summary>Exercise 8.3: the distillation temperature.</summary>
    public const double DistillationTemperature = 2;

    /// <summary>
    /// Exercise 8.1: the temperature T &gt; 0 that minimises the mean cross-entropy of softmax(z / T) on the six rows,
    /// to 4 significant digits. The reference bisects the derivative in β = 1/T, where the loss is convex.
    /// </summary>
    /// <param name="temperature">The student's T; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult Temperature(double temperature)
    {
        double expected = 1 / BestInverseTemperature();
        return ExerciseCheck.Real(TemperatureName, temperature, expected, Precision.SignificantDigits(4),
            Tr("write the mean NLL as a function of T (divide every logit by T, then Losses.CrossEntropy), and minimise it: a fine grid, golden-section search, or Newton's method on β = 1/T."),
            Mistake.Reciprocal(Tr("that is β = 1/T, the factor the logits are multiplied by; the exercise asks for the temperature T they are divided by.")),
            Mistake.Produces(1, Tr("T = 1 leaves the model as it is; the six rows are over-confident, so the best T is not 1: compute the NLL at a few temperatures.")),
            Mistake.When(t => t <= 0, Tr("a temperature must be positive: softmax(z / T) with T ≤ 0 is not a calibrated softmax (it reverses or breaks the ranking).")));
    }

    /// <summary>
    /// Exercise 8.2: the sigmoid focal loss of one example, α_t·(1 − p_t)^γ·(−ln p_t), in nats, to 4 significant digits.
    /// </summary>
    /// <param name="loss">The student's loss; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult FocalLoss(double loss)
    {
        double expected = Losses.SigmoidFocalLoss<double>([FocalLogit], [FocalTarget], FocalAlpha, FocalGamma, Reduction.Sum);
        double p = StableMath.Sigmoid(FocalLogit);
        double pt = (p * FocalTarget) + ((1 - p) * (1 - FocalTarget));
        double alphaT = (FocalAlpha * FocalTarget) + ((1 - FocalAlpha) * (1 - FocalTarget));
        double crossEntropy = -Math.Log(pt);
        return ExerciseCheck.Real(FocalName, loss, expected, Precision.SignificantDigits(4),
            Tr("follow the formula step by step: p = σ(x), p_t (the probability of the TRUE class), α_t, then α_t·(1 − p_t)^γ·(−ln p_t)."),
            Mistake.Produces(FocalAlpha * Math.Pow(1 - pt, FocalGamma) * crossEntropy,
                Tr("you weighted a negative example with α; for t = 0 the weight is α_t = 1 − α.")),
            Mistake.Produces(Math.Pow(1 - pt, FocalGamma) * crossEntropy,
                Tr("the α_t weight is missing: torchvision multiplies by α_t = α·t + (1 − α)·(1 − t).")),
            Mistake.Produces(alphaT * crossEntropy,
                Tr("that is the α-weighted cross-entropy: the modulating factor (1 − p_t)^γ is missing.")),
            Mistake.Produces(alphaT * Math.Pow(pt, FocalGamma) * crossEntropy,
                Tr("the modulating factor is (1 − p_t)^γ, not p_t^γ: it is small for easy examples, where p_t is near 1.")),
            Mistake.Produces(alphaT * Math.Pow(1 - p, FocalGamma) * -Math.Log(p),
                Tr("you used p = σ(x) as if the target were 1; the target is 0, so p_t = 1 − σ(x).")),
            Mistake.WrongLogBase(Tr("right formula, wrong logarithm: the loss is in nats, so use the natural log (Math.Log).")));
    }

    /// <summary>
    /// Exercise 8.3: the distillation loss T²·KL(p_T ‖ q_T), p_T = softmax(teacher / T), q_T = softmax(student / T), in
    /// nats, to 4 significant digits.
    /// </summary>
    /// <param name="loss">The student's loss; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult DistillationLoss(double loss)
    {
        double t = DistillationTemperature;
        double kl = KL(TeacherLogits, StudentLogits, t);
        double expected = t * t * kl;
        double teacherEntropy = Information.Entropy(StableMath.Softmax<double>([.. TeacherLogits], t));
        return ExerciseCheck.Real(DistillationName, loss, expected, Precision.SignificantDigits(4),
            Tr("soften both: p_T = softmax(teacher / T), q_T = softmax(student / T); then KL(p_T ‖ q_T) = Σ p_T·(ln p_T − ln q_T), times T²."),
            Mistake.Produces(kl, Tr("that is KL(p_T ‖ q_T) alone: the loss multiplies it by T², which keeps its gradient on the scale of the hard-label loss.")),
            Mistake.Produces(t * kl, Tr("that is T·KL: the factor is T² (the gradient of the softened KL carries 1/T², not 1/T).")),
            Mistake.Produces(t * t * KL(StudentLogits, TeacherLogits, t), Tr("that is KL(q_T ‖ p_T): the teacher's distribution comes first, KL(p_T ‖ q_T).")),
            Mistake.Produces(t * t * KL(TeacherLogits, StudentLogits, 1), Tr("both distributions must be softened at T = 2 (divide the logits by T), not taken at T = 1.")),
            Mistake.Produces(KL(TeacherLogits, StudentLogits, 1), Tr("that is KL at T = 1 without T²: divide both sets of logits by T, and multiply the KL by T².")),
            Mistake.Produces(t * t * (kl + teacherEntropy),
                Tr("that is T² times the cross-entropy H(p_T, q_T) = H(p_T) + KL; the exercise asks for the KL form (they differ by T²·H(p_T), constant in the student).")),
            Mistake.WrongLogBase(Tr("right quantity, wrong unit: the loss is in nats (natural logarithm).")));
    }

    /// <summary>
    /// Exercise 8.4: the largest Half x whose exponential, rounded to Half, is finite: <c>(Half)Math.Exp((double)x)</c>.
    /// Bit-exact: exactly one Half is right.
    /// </summary>
    /// <param name="largest">The student's Half; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult HalfThreshold(Half largest)
    {
        Half boundary = (Half)Math.Log((double)Half.MaxValue);
        while (!Half.IsFinite(ExpInHalf(boundary)))
        {
            boundary = Half.BitDecrement(boundary);
        }

        while (Half.IsFinite(ExpInHalf(Half.BitIncrement(boundary))))
        {
            boundary = Half.BitIncrement(boundary);
        }

        double lnMax = Math.Log((double)Half.MaxValue);
        return ExerciseCheck.Boundary(HalfName, largest, boundary,
            Tr("step Half by Half (Half.BitIncrement) while (Half)Math.Exp of the next Half is still finite."),
            Mistake.When(x => !double.IsFinite(x), Tr("∞ is past every threshold (its exponential is ∞): look for the largest finite Half whose exponential still fits; step down.")),
            Mistake.When(x => x > 700, Tr("that is double's threshold; the exercise asks about Half.")),
            Mistake.When(x => x > 80 && x < 90, Tr("that is float's (and bfloat16's) threshold; Half has only 5 exponent bits, so its range is far smaller.")),
            Mistake.When(x => !Half.IsFinite(ExpInHalf((Half)x)),
                Tr("the exponential of your value, rounded to Half, is ∞: it is past the threshold; step down.")),
            Mistake.When(x => x != (double)(Half)x,
                Tr("your value is not a Half: ln(Half.MaxValue) is where the threshold lies, but the answer is the Half just below it (Half values near 11 are 2⁻⁷ apart).")),
            Mistake.When(x => Math.Abs(x - lnMax) < 0.05 && Half.IsFinite(ExpInHalf(Half.BitIncrement((Half)x))),
                Tr("one Half too low: the exponential of the next Half up is still finite.")),
            Mistake.When(x => x < lnMax - 0.05, Tr("too low: far larger exponentials still fit below Half.MaxValue = 65504.")));
    }

    private static Half ExpInHalf(Half x) => (Half)Math.Exp((double)x);

    private static double KL(IReadOnlyList<double> p, IReadOnlyList<double> q, double temperature) =>
        Information.KLDivergence(StableMath.Softmax<double>([.. p], temperature), StableMath.Softmax<double>([.. q], temperature));

    // The mean NLL as a function of β = 1/T, NLL(β) = mean(LSE(β·z) − β·z_y), has NLL′(β) = mean(E_q[z] − z_y) and
    // NLL″(β) = mean(Var_q[z]) ≥ 0 (q = softmax(β·z)): convex, so NLL′ is increasing and its root is found by bisection.
    private static double BestInverseTemperature()
    {
        double low = 0, high = 1;
        while (Slope(high) < 0)
        {
            high *= 2;
        }

        for (int step = 0; step < 200 && high - low > 1e-16 * high; step++)
        {
            double middle = (low + high) / 2;
            if (Slope(middle) < 0)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    private static double Slope(double beta)
    {
        double slope = 0;
        for (int r = 0; r < ValidationLabels.Count; r++)
        {
            double[] z = [.. ValidationLogits.Skip(r * Classes).Take(Classes)];
            double[] q = StableMath.Softmax<double>(z.Select(v => v * beta).ToArray());
            slope += q.Zip(z, (a, b) => a * b).Sum() - z[ValidationLabels[r]];
        }

        return slope / ValidationLabels.Count;
    }
}
