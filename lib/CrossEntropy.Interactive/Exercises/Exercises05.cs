using CrossEntropy.Numerics;

using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>The checks of notebook 5 (training a classifier).</summary>
public static class Exercises05
{
    private static string ScalingName => Tr("Exercise 5.1, scaling the weights");
    private static string StrongerName => Tr("Exercise 5.2, a stronger smoothing");
    private static string SoftTargetsName => Tr("Exercise 5.3, soft targets");
    private const double WeightScale = 1000;

    /// <summary>
    /// Exercise 5.1: with every class weight ×1000, the ratio new / old of the weighted mean loss (Σ w_y l / Σ w_y, which
    /// does not depend on the weights' scale: 1) and of the summed loss (Σ w_y l, which scales with them: 1000), both to
    /// 4 significant digits. The expected ratios are computed with the library on a small example.
    /// </summary>
    /// <param name="meanRatio">The student's ratio for <see cref="Reduction.Mean"/>; NaN while unanswered.</param>
    /// <param name="sumRatio">The student's ratio for <see cref="Reduction.Sum"/>; NaN while unanswered.</param>
    /// <returns>The verdict on the mean's ratio first, then on the sum's.</returns>
    public static ExerciseResult ScaleFreeWeights(double meanRatio, double sumRatio)
    {
        if (Answer.IsMissing(meanRatio) || Answer.IsMissing(sumRatio))
        {
            return ExerciseResult.NotSolvedYet(ScalingName, Tr("Answer both ratios, for Reduction.Mean and for Reduction.Sum, and run the cell again."));
        }
        var expectedMean = ScaledRatio(Reduction.Mean);
        var expectedSum = ScaledRatio(Reduction.Sum);
        var precision = Precision.SignificantDigits(4);
        if (precision.Accepts(meanRatio, expectedSum) && precision.Accepts(sumRatio, expectedMean))
        {
            return ExerciseResult.Incorrect(ScalingName, Tr("the two ratios are swapped: which of Σ w l / Σ w and Σ w l keeps the factor 1000?"));
        }
        var meanVerdict = ExerciseCheck.Real(ScalingName, meanRatio, expectedMean, precision,
            Tr("compute the weighted mean (Reduction.Mean) with the scaled weights and divide it by the one with the original weights."),
            Mistake.Produces(expectedSum, Tr("for Reduction.Mean: look at its formula Σ w l / Σ w: what happens to the numerator and to the denominator when every weight is multiplied by 1000?")),
            Mistake.Produces(1 / expectedSum, Tr("for Reduction.Mean: that ratio is old over new, and with a sum: divide the scaled mean by the original one.")));
        if (!meanVerdict.IsSolved)
        {
            return meanVerdict;
        }
        var sumVerdict = ExerciseCheck.Real(ScalingName, sumRatio, expectedSum, precision,
            Tr("the mean's ratio is right; now compute the sum (Reduction.Sum) with the scaled weights and divide it by the original sum."),
            Mistake.Produces(expectedMean, Tr("the mean's ratio is right; the sum Σ w l has no Σ w to divide by: does it keep the factor?")),
            Mistake.Reciprocal(Tr("the mean's ratio is right; the sum's ratio is upside down: the scaled sum over the original one.")));
        return sumVerdict.IsSolved
            ? ExerciseResult.Solved(ScalingName, TwoParts.Solved(Precision.IsFull(meanRatio, expectedMean) && Precision.IsFull(sumRatio, expectedSum), precision,
                Tr("The weighted mean is scale-free; the sum, and its gradient, scale with the weights, so training with Reduction.Sum would take steps 1000 times larger at the same learning rate.")))
            : sumVerdict;
    }

    /// <summary>
    /// Exercise 5.2: for label smoothing with ε = 0.2 over the notebook's classes, the floor H(t) in nats, and the
    /// training loss after retraining the notebook's model with it (softmax regression from W = 0, b = 0, full-batch
    /// gradient descent), both to 4 significant digits. The check trains the same model itself on the points given.
    /// </summary>
    /// <param name="floorNats">The student's floor; NaN while unanswered.</param>
    /// <param name="finalLossNats">The student's training loss after the last step; NaN while unanswered.</param>
    /// <param name="points">The N × D inputs, row-major (the notebook's X).</param>
    /// <param name="labels">The class of each point (the notebook's y).</param>
    /// <param name="classCount">C.</param>
    /// <param name="steps">The notebook's number of gradient-descent steps.</param>
    /// <param name="learningRate">The notebook's learning rate.</param>
    /// <returns>The verdict on the floor first, then on the loss.</returns>
    public static ExerciseResult StrongerSmoothing(double floorNats, double finalLossNats, IReadOnlyList<double> points,
        IReadOnlyList<int> labels, int classCount, int steps, double learningRate) => ExerciseCheck.Guarded(StrongerName, () =>
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        if (Answer.IsMissing(floorNats) || Answer.IsMissing(finalLossNats))
        {
            return ExerciseResult.NotSolvedYet(StrongerName, Tr("Answer both parts, the floor and the retrained model's loss, and run the cell again."));
        }
        const double epsilon = 0.2, previous = 0.1;
        var precision = Precision.SignificantDigits(4);
        var floor = Information.Entropy(Smoothed(epsilon, classCount));
        var floorVerdict = ExerciseCheck.Real(StrongerName, floorNats, floor, precision,
            Tr($"build t = (1 − ε) e_y + ε / C with ε = 0.2 and C = {classCount}, then H(t) = −Σ t log t in nats."),
            Mistake.Produces(Information.Entropy(Smoothed(previous, classCount)), Tr("that is the floor for the notebook's ε = 0.1; double ε first.")),
            Mistake.Produces(Information.Entropy(SpreadOverOthers(epsilon, classCount)),
                Tr("t = (1 − ε) e_y + ε / C gives every class ε / C, the true class included; you spread ε over the other classes only.")),
            Mistake.WrongLogBase(),
            Mistake.Sign());
        if (!floorVerdict.IsSolved)
        {
            return floorVerdict;
        }
        var trained = TrainedLoss(points, labels, classCount, epsilon, steps, learningRate);
        var lossVerdict = ExerciseCheck.Real(StrongerName, finalLossNats, trained, precision,
            Tr("the floor is right; retrain with LabelSmoothing = 0.2 from W = 0, b = 0 with the notebook's steps and learning rate, and give the loss after the last step."),
            Mistake.Produces(TrainedLoss(points, labels, classCount, previous, steps, learningRate),
                Tr("the floor is right; that is the final loss of the notebook's model, trained with ε = 0.1: retrain with ε = 0.2.")),
            Mistake.Produces(trained - floor, Tr("the floor is right; that is how far the loss lies above the floor: give the loss itself.")),
            Mistake.Produces(Math.Log(classCount), Tr("the floor is right; that is the loss before the first step (every logit 0): give the loss after the last step.")),
            Mistake.When(loss => loss < floor, Tr("the floor is right; no model's loss can go below the floor H(t): check the ε of your training run.")));
        return lossVerdict.IsSolved
            ? ExerciseResult.Solved(StrongerName, TwoParts.Solved(Precision.IsFull(floorNats, floor) && Precision.IsFull(finalLossNats, trained), precision,
                Tr("The loss stays above the higher floor; the ideal logit gap ln(t_y / t_other) shrinks as ε grows.")))
            : lossVerdict;
    });

    /// <summary>
    /// Exercise 5.3: the N × C array of smoothed one-hot targets (ε = <paramref name="epsilon"/>), row-major, for
    /// the notebook's labels. Built by code, so every entry is compared to 12 significant digits.
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
            return ExerciseCheck.Vector(SoftTargetsName, targets, Rows(1 - epsilon + epsilon / classCount, epsilon / classCount), Precision.SignificantDigits(12),
                Tr("row n is (1 − ε) e_{y_n} + ε / C: every entry gets ε / C, the true class also gets 1 − ε."),
                VectorMistake.Produces(Rows(1, 0), Tr("these are the one-hot targets: smooth them.")),
                VectorMistake.Produces(Rows(1 - epsilon, epsilon / (classCount - 1)),
                    Tr("every class gets ε / C, the true class included; you spread ε over the other classes only.")),
                VectorMistake.Produces(Rows(1 - epsilon, epsilon / classCount), Tr("the true class gets 1 − ε plus its own share ε / C.")),
                VectorMistake.When(t => t.Chunk(classCount).Any(row => Math.Abs(row.Sum() - 1) > 1e-9),
                    Tr("some rows do not sum to 1: each row is a distribution over the C classes, in row-major order (row n holds entries n·C … n·C + C − 1).")));
        });

    /// <summary>Exercise 5.4's self-check: what the learning rates ten times smaller and larger do.</summary>
    /// <param name="choice">The student's letter; <c>'?'</c> while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult LearningRate(char choice) => ExerciseCheck.Choice(Tr("Exercise 5.4, learning rate"), choice, 'b',
        new Dictionary<char, string>
        {
            ['a'] = Tr("print the loss of the η = 5 run at every step (or plot its curve): does it ever rise from one step to the next?"),
            ['c'] = Tr("compare the three losses at the last step: a rate ten times smaller has made far less progress."),
        },
        Tr("the small rate needs many more steps; even the large one falls at every step here, because this convex loss is gently curved (a rate beyond 2 / the largest Hessian eigenvalue would overshoot)."));

    // Σ w l (sum) or Σ w l / Σ w (mean) with every weight ×1000, over the same with the original weights, on a small example:
    // the ratio does not depend on the example.
    private static double ScaledRatio(Reduction reduction)
    {
        double[] logits = [0.2, 0.3, 0.5, 0.5, 0.2, 0.3];
        int[] targets = [2, 1];
        double[] weights = [2, 4, 6];
        double Loss(double scale) => Losses.CrossEntropy<double>(logits, 3, targets, reduction,
            new CrossEntropyOptions { Weight = weights.Select(w => w * scale).ToArray() });
        return Loss(WeightScale) / Loss(1);
    }

    // Softmax regression z = xW + b trained from zero by full-batch gradient descent on the smoothed mean cross-entropy,
    // as notebook 5's Train does (there with MathNet matrices): the mean loss after the last step.
    private static double TrainedLoss(IReadOnlyList<double> points, IReadOnlyList<int> labels, int classCount, double epsilon,
        int steps, double learningRate)
    {
        int n = labels.Count;
        if (n == 0 || points.Count % n != 0)
        {
            throw new ArgumentException($"points has {points.Count} values, not a multiple of the {n} labels: pass X.ToRowMajorArray().", nameof(points));
        }
        int features = points.Count / n;
        int[] y = labels.ToArray();
        var options = new CrossEntropyOptions { LabelSmoothing = epsilon };
        var weights = new double[features * classCount];
        var bias = new double[classCount];
        var logits = new double[n * classCount];
        var gradient = new double[n * classCount];
        void Forward()
        {
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < classCount; c++)
                {
                    double z = bias[c];
                    for (int j = 0; j < features; j++)
                    {
                        z += points[i * features + j] * weights[j * classCount + c];
                    }
                    logits[i * classCount + c] = z;
                }
            }
        }
        for (int step = 0; step < steps; step++)
        {
            Forward();
            Losses.CrossEntropyGradient<double>(logits, classCount, y, gradient, Reduction.Mean, options);
            for (int c = 0; c < classCount; c++)
            {
                for (int j = 0; j < features; j++)
                {
                    double dW = 0;                                   // (Xᵀ G)_{j,c}
                    for (int i = 0; i < n; i++)
                    {
                        dW += points[i * features + j] * gradient[i * classCount + c];
                    }
                    weights[j * classCount + c] -= learningRate * dW;
                }
                double db = 0;                                       // column sum of G
                for (int i = 0; i < n; i++)
                {
                    db += gradient[i * classCount + c];
                }
                bias[c] -= learningRate * db;
            }
        }
        Forward();
        return Losses.CrossEntropy<double>(logits, classCount, y, Reduction.Mean, options);
    }

    private static double[] Smoothed(double epsilon, int classes) =>
        Enumerable.Range(0, classes).Select(c => (c == 0 ? 1 - epsilon : 0) + epsilon / classes).ToArray();

    private static double[] SpreadOverOthers(double epsilon, int classes) =>
        Enumerable.Range(0, classes).Select(c => c == 0 ? 1 - epsilon : epsilon / (classes - 1)).ToArray();
}
