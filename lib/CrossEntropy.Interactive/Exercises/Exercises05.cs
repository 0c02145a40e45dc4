using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>The checks of notebook 5 (training a classifier).</summary>
public static class Exercises05
{
    private const string SoftTargetsName = "Exercise 5.3, soft targets";

    /// <summary>
    /// Exercise 5.1: the weighted mean loss with every weight ×1000, divided by the original weighted mean. The
    /// weighted mean Σ w_y l / Σ w_y does not depend on the weights' scale, so the ratio is 1 up to rounding.
    /// </summary>
    /// <param name="ratio">The student's ratio; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult ScaleFreeWeights(double ratio) =>
        ExerciseCheck.Real("Exercise 5.1, scale-free weights", ratio, 1, Precision.Relative(1e-12),
            "compute both weighted means with Reduction.Mean, the scaled one over the original.",
            Mistake.Produces(1000, "a ratio of 1000 is what Reduction.Sum gives: the sum scales with the weights, the mean divides by Σ w and does not."),
            Mistake.Produces(1e-3, "you divided the original by the scaled one, and with Reduction.Sum: use Reduction.Mean, scaled over original."));

    /// <summary>Exercise 5.2: the floor H(t) in nats of label smoothing with ε = 0.2 over 3 classes.</summary>
    /// <param name="floorNats">The student's value; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult StrongerSmoothing(double floorNats)
    {
        const double epsilon = 0.2, previous = 0.1;
        const int classes = 3;
        return ExerciseCheck.Real("Exercise 5.2, a stronger smoothing", floorNats, Information.Entropy(Smoothed(epsilon, classes)), Precision.SignificantDigits(4),
            "build t = (1 − ε) e_y + ε / C with ε = 0.2 and C = 3, then H(t) = −Σ t log t in nats.",
            Mistake.Produces(Information.Entropy(Smoothed(previous, classes)), "that is the floor for the notebook's ε = 0.1; double ε first."),
            Mistake.Produces(Information.Entropy([1 - epsilon, epsilon / (classes - 1), epsilon / (classes - 1)]),
                "t = (1 − ε) e_y + ε / C gives every class ε / C, the true class included; you spread ε over the other classes only."),
            Mistake.WrongLogBase(),
            Mistake.Sign());
    }

    /// <summary>
    /// Exercise 5.3: the N × C array of smoothed one-hot targets (ε = <paramref name="epsilon"/>), row-major, for
    /// the notebook's labels.
    /// </summary>
    /// <param name="targets">The student's N × C array; null while unanswered.</param>
    /// <param name="labels">The class index of each point (the notebook's y).</param>
    /// <param name="classCount">C.</param>
    /// <param name="epsilon">The smoothing ε.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult SoftTargets(IReadOnlyList<double>? targets, IReadOnlyList<int> labels, int classCount, double epsilon) =>
        ExerciseCheck.Guarded(SoftTargetsName, () =>
        {
            ArgumentNullException.ThrowIfNull(labels);
            double[] Rows(double onTrue, double onOther) =>
                labels.SelectMany(y => Enumerable.Range(0, classCount).Select(c => c == y ? onTrue : onOther)).ToArray();
            return ExerciseCheck.Vector(SoftTargetsName, targets, Rows(1 - epsilon + epsilon / classCount, epsilon / classCount), Precision.Relative(1e-12, 1e-15),
                "row n is (1 − ε) e_{y_n} + ε / C: every entry gets ε / C, the true class also gets 1 − ε.",
                VectorMistake.Produces(Rows(1, 0), "these are the one-hot targets: smooth them."),
                VectorMistake.Produces(Rows(1 - epsilon, epsilon / (classCount - 1)),
                    "every class gets ε / C, the true class included; you spread ε over the other classes only."),
                VectorMistake.Produces(Rows(1 - epsilon, epsilon / classCount), "the true class gets 1 − ε plus its own share ε / C."),
                VectorMistake.When(t => t.Chunk(classCount).Any(row => Math.Abs(row.Sum() - 1) > 1e-9),
                    "some rows do not sum to 1: each row is a distribution over the C classes, in row-major order (row n holds entries n·C … n·C + C − 1)."));
        });

    /// <summary>Exercise 5.4's self-check: what the learning rates ten times smaller and larger do.</summary>
    /// <param name="choice">The student's letter; <c>'?'</c> while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult LearningRate(char choice) => ExerciseCheck.Choice("Exercise 5.4, learning rate", choice, 'b',
        new Dictionary<char, string>
        {
            ['a'] = "look at the printed losses of η = 5 and at its curve: does the loss ever rise from one step to the next?",
            ['c'] = "compare the three losses printed at the last step: a rate ten times smaller has made far less progress.",
        },
        "the small rate needs many more steps; even the large one falls at every step here, because this convex loss is gently curved (a rate beyond 2 / the largest Hessian eigenvalue would overshoot).");

    private static double[] Smoothed(double epsilon, int classes) =>
        Enumerable.Range(0, classes).Select(c => (c == 0 ? 1 - epsilon : 0) + epsilon / classes).ToArray();
}
