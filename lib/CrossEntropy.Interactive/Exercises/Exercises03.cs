using CrossEntropy.Numerics;

using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>The checks of notebook 3, on the blog's example p = [0.5, 0.5], z = [0.7, 0.3] unless an exercise says otherwise.</summary>
public static class Exercises03
{
    private static string BitsName => Tr("Exercise 3.1, bits from nats");
    private static string BestName => Tr("Exercise 3.2, the best logits");
    private static string HardName => Tr("Exercise 3.3, a hard label");

    private static readonly double[] BlogTarget = [0.5, 0.5];
    private static readonly double[] BlogLogits = [0.7, 0.3];

    // Exercise 3.3's logits: they favour class 1, so a hard label on class 0 gives a large loss and gradient.
    private static readonly double[] HardLabelLogits = [0.2, 1.4];

    /// <summary>
    /// Exercise 3.1: the loss after the notebook's one gradient step (learning rate 1 from the blog's z), converted
    /// from nats to bits, and how far it lies above its floor H(p) = 1 bit; both to 4 decimal places. Not the blog's
    /// headline value: the notebook prints that one in bits itself.
    /// </summary>
    /// <param name="bits">The student's loss in bits; NaN while unanswered.</param>
    /// <param name="aboveFloorBits">The student's distance to the floor, in bits; NaN while unanswered.</param>
    /// <returns>The verdict on the loss first, then on the distance.</returns>
    public static ExerciseResult BitsFromNats(double bits, double aboveFloorBits)
    {
        if (Answer.IsMissing(bits) || Answer.IsMissing(aboveFloorBits))
        {
            return ExerciseResult.NotSolvedYet(BitsName, Tr("Answer both parts, the loss in bits and its distance to the floor, and run the cell again."));
        }
        var blogBits = Losses.CrossEntropy<double>(BlogLogits, 2, BlogTarget) / Math.Log(2);
        var gradient = new double[2];
        Losses.CrossEntropyGradient<double>(BlogLogits, 2, BlogTarget, gradient);
        double[] stepped = [BlogLogits[0] - gradient[0], BlogLogits[1] - gradient[1]];
        var nats = Losses.CrossEntropy<double>(stepped, 2, BlogTarget);
        var floorBits = Information.Entropy(BlogTarget, InformationUnit.Bits);
        // 4 decimal places: a hand computation from the 6 printed decimals of the loss in nats gets there, and the
        // distance to the floor keeps as many decimals as the loss.
        var precision = Precision.DecimalPlaces(4);
        var bitsVerdict = ExerciseCheck.Real(BitsName, bits, nats / Math.Log(2), precision,
            Tr("one bit is ln 2 nats, so a value in nats becomes bits when divided by ln 2."),
            Mistake.Produces(blogBits, Tr("that is the loss before the step; convert the loss after one step.")),
            Mistake.Produces(nats * Math.Log(2), Tr("you multiplied by ln 2; a bit is smaller than a nat, so the same loss is more bits than nats: divide.")),
            Mistake.Produces(nats / Math.Log(10), Tr("you divided by ln 10, which gives hartleys (the unit of log10); bits need ln 2.")),
            Mistake.WrongLogBase(),
            Mistake.Sign());
        if (!bitsVerdict.IsSolved)
        {
            return bitsVerdict;
        }
        var aboveFloor = nats / Math.Log(2) - floorBits;
        var floorVerdict = ExerciseCheck.Real(BitsName, aboveFloorBits, aboveFloor, precision,
            Tr("the loss in bits is right; the floor is H(p) = 1 bit, and the distance is loss − floor, in bits."),
            Mistake.Produces(nats - Information.Entropy(BlogTarget), Tr("the loss in bits is right; that distance is in nats (loss − ln 2): give it in bits.")),
            Mistake.Produces(blogBits - floorBits, Tr("the loss in bits is right; that is how far the loss was above the floor before the step.")),
            Mistake.Produces(nats / Math.Log(2), Tr("the loss in bits is right; the second answer is its distance to the floor, not the loss itself.")),
            Mistake.Sign(Tr("the loss in bits is right; a cross-entropy is never below its floor H(p), so the distance is positive: loss − floor.")));
        return floorVerdict.IsSolved
            ? ExerciseResult.Solved(BitsName, TwoParts.Solved(Precision.IsFull(bits, nats / Math.Log(2)) && Precision.IsFull(aboveFloorBits, aboveFloor), precision,
                Tr("The distance to the floor is KL(p‖q) in bits: one step of gradient descent removed most of it.")))
            : floorVerdict;
    }

    /// <summary>
    /// Exercise 3.2: logits z that minimise H(p, softmax(z)) for p = [0.5, 0.5]. Every z with z₀ = z₁ is right,
    /// so the check tests that the loss reaches its floor H(p) = ln 2, to 12 significant digits.
    /// </summary>
    /// <param name="logits">The student's two logits; null while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult BestLogits(IReadOnlyList<double>? logits) => ExerciseCheck.Guarded(BestName, () =>
    {
        if (Answer.IsMissing(logits))
        {
            return ExerciseResult.NotSolvedYet(BestName);
        }
        if (logits!.Count != 2)
        {
            return ExerciseResult.Incorrect(BestName, Tr($"two classes need two logits; you gave {logits.Count}."));
        }
        if (!logits.All(double.IsFinite))
        {
            return ExerciseResult.Incorrect(BestName, Tr("logits are finite real numbers: no NaN or ∞."));
        }
        var loss = Losses.CrossEntropy<double>(logits.ToArray(), 2, BlogTarget);
        var floor = Information.Entropy(BlogTarget);
        return Precision.SignificantDigits(12).Accepts(loss, floor)
            ? ExerciseResult.Solved(BestName,
                Tr("the loss is at its floor H(p). Not unique: adding the same constant to both logits leaves softmax unchanged, so every z with z₀ = z₁ is optimal."))
            : ExerciseResult.Incorrect(BestName,
                Tr("the loss is above its floor H(p): the best q equals p. What must be true of z₀ and z₁ for softmax(z) to give both classes the same probability?"));
    });

    /// <summary>
    /// Exercise 3.3: loss and gradient for the hard label p = [1, 0] at z = [0.2, 1.4], logits that favour the wrong
    /// class, both to 4 significant digits. Not the blog's z: the notebook prints its softmax, which is most of that gradient.
    /// </summary>
    /// <param name="loss">The student's loss in nats; NaN while unanswered.</param>
    /// <param name="gradient">The student's gradient with respect to z; null while unanswered.</param>
    /// <returns>The verdict on the loss first, then on the gradient.</returns>
    public static ExerciseResult HardLabel(double loss, IReadOnlyList<double>? gradient) => ExerciseCheck.Guarded(HardName, () =>
    {
        if (Answer.IsMissing(loss) || Answer.IsMissing(gradient))
        {
            return ExerciseResult.NotSolvedYet(HardName, Tr("Answer both parts, the loss and the gradient, and run the cell again."));
        }
        double[] hard = [1, 0];
        var q = StableMath.Softmax(HardLabelLogits);
        var expectedLoss = Losses.CrossEntropy<double>(HardLabelLogits, 2, hard);
        double[] expectedGradient = [q[0] - hard[0], q[1] - hard[1]];
        var precision = Precision.SignificantDigits(4);
        var lossVerdict = ExerciseCheck.Real(HardName, loss, expectedLoss, precision,
            Tr("with a one-hot p only the true class's term of −Σ p log q survives."),
            Mistake.Produces(Losses.CrossEntropy<double>(BlogLogits, 2, hard), Tr("that is the hard-label loss at the blog's z = [0.7, 0.3]; this exercise uses z = [0.2, 1.4].")),
            Mistake.Produces(Losses.CrossEntropy<double>(HardLabelLogits, 2, BlogTarget), Tr("that is the loss for the blog's p = [0.5, 0.5]; the target is now [1, 0].")),
            Mistake.Produces(-Math.Log(q[1]), Tr("that is −log q₁, the loss if class 1 were the true class; here class 0 is.")),
            Mistake.WrongLogBase(Tr("the loss is in another unit: losses are in nats (natural log).")),
            Mistake.Sign());
        if (!lossVerdict.IsSolved)
        {
            return lossVerdict;
        }
        var gradientVerdict = ExerciseCheck.Vector(HardName, gradient, expectedGradient, precision,
            Tr("the loss is right; the gradient with respect to the logits is q − p, with q = softmax(z) and the new p."),
            VectorMistake.Sign(Tr("the loss is right; the gradient's signs are flipped: it is q − p, not p − q.")),
            VectorMistake.Produces(q, Tr("the loss is right; the gradient is q − p: subtract the target.")),
            VectorMistake.Produces([q[0] - 0.5, q[1] - 0.5], Tr("the loss is right; the gradient uses the blog's old target [0.5, 0.5]; the target is now [1, 0].")));
        return gradientVerdict.IsSolved
            ? ExerciseResult.Solved(HardName, TwoParts.Solved(Precision.IsFull(loss, expectedLoss) &&
                    gradient!.Select((g, i) => Precision.IsFull(g, expectedGradient[i])).All(full => full), precision,
                Tr("The floor is now H([1, 0]) = 0, approached only as z₀ − z₁ → ∞, where the loss log(1 + e^(z₁ − z₀)) → 0.")))
            : gradientVerdict;
    });

    /// <summary>
    /// Exercise 3.4: the gradient of H(p, softmax(z / T)) with respect to z at T = 2, which is (q − p) / T with
    /// q = softmax(z / T). Accepted to 4 significant digits, as the statement asks, so a hand computation and a
    /// careful finite difference pass too.
    /// </summary>
    /// <param name="gradient">The student's gradient; null while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult TemperatureGradient(IReadOnlyList<double>? gradient) =>
        ExerciseCheck.Guarded(Tr("Exercise 3.4, temperature and gradient"), () =>
        {
            const double t = 2;
            var qT = StableMath.Softmax(BlogLogits, t);
            var q1 = StableMath.Softmax(BlogLogits);
            double[] qMinusP = [qT[0] - BlogTarget[0], qT[1] - BlogTarget[1]];
            return ExerciseCheck.Vector(Tr("Exercise 3.4, temperature and gradient"), gradient,
                qMinusP.Select(g => g / t).ToArray(), Precision.SignificantDigits(4),
                Tr("apply the chain rule to L(z / T): the gradient with respect to z / T is q − p, and z / T changes by 1 / T per unit of z."),
                VectorMistake.Produces(qMinusP, Tr("that is q − p, the gradient with respect to z / T; the chain rule adds a factor ∂(z / T)/∂z = 1 / T.")),
                VectorMistake.Produces(qMinusP.Select(g => g * t).ToArray(), Tr("you multiplied by T; the chain rule gives a factor 1 / T.")),
                VectorMistake.Produces([(q1[0] - BlogTarget[0]) / t, (q1[1] - BlogTarget[1]) / t],
                    Tr("q must be softmax(z / T), not softmax(z): the temperature enters the prediction too.")),
                VectorMistake.Sign(Tr("the signs are flipped: the gradient is (q − p) / T, not (p − q) / T.")));
        });
}
