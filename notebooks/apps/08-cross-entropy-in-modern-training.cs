#:package Plotly.NET.CSharp@0.14.0
#:package MathNet.Numerics@5.0.0
#:package System.Numerics.Tensors@10.0.15
#:project ../../lib/CrossEntropy.Numerics/CrossEntropy.Numerics.csproj
#:project ../../lib/CrossEntropy.Interactive/CrossEntropy.Interactive.csproj
#:project ../../lib/NotebookApp/NotebookApp.csproj
#:property ManagePackageVersionsCentrally=false
#:property PublishAot=false
#:property RunAnalyzers=false
#:property TreatWarningsAsErrors=false
#:property InvariantGlobalization=true

// The kernel-free edition of ../08-cross-entropy-in-modern-training.ipynb ("8. Cross-entropy in modern training: calibration, squared error, focal loss, distillation, mixed precision"), as a .NET file-based app:
// `dotnet run 08-cross-entropy-in-modern-training.cs` in this folder. Text outputs print as in the notebook; each chart is written
// as an HTML page to charts/ beside this file. Written by the notebook runner (`dotnet run --project
// lib/NotebookRunner -c Release -- export`): edit the notebook, not this file. The properties above: the app pins
// its own package versions, runs as an ordinary (not native AOT) program, and is not held to the library's analyzers.

using NotebookApp;
using System.Collections;
using System.Text;
using CrossEntropy.Numerics;
using CrossEntropy.Interactive;
using CrossEntropy.Interactive.Exercises;
using Plotly.NET.CSharp;
using DrawingStyle = Plotly.NET.StyleParam.DrawingStyle;

Notebook.Start("../08-cross-entropy-in-modern-training.ipynb");

// # 8. Cross-entropy in modern training: calibration, squared error, focal loss, distillation, mixed precision
//
// Notebooks 1–7 built cross-entropy, computed it stably and fast, and trained with it. This
// notebook answers the questions a practitioner asks next, each with a computation: why
// classification uses cross-entropy and not squared error; whether a model's probabilities can be
// trusted, and how one number (a temperature) repairs them; what the focal loss does against class
// imbalance, next to notebook 6's `pos_weight`; how a small model learns from a large one's
// probabilities (distillation); and what goes wrong when the loss is computed in 16-bit floating
// point, and the standard fix.
//
// **What you will learn**
//
// - why the squared error's gradient vanishes on a confidently wrong prediction while
//   cross-entropy's is q − p, shown by training the same model both ways;
// - what calibration is, how to see it (a reliability diagram) and measure it (ECE, and why its
//   bins matter), why NLL is a *proper* scoring rule, and how temperature scaling fits one T on
//   held-out data as a 1-D convex problem;
// - the focal loss: its formula, its gradient, what γ does to easy examples, and how it compares
//   with `pos_weight` on the same imbalanced data;
// - knowledge distillation: soft targets at temperature T, why the loss is multiplied by T², and
//   the "dark knowledge" a student learns from them;
// - mixed precision: Half's range and 11 bits, bfloat16's 8 bits, a loss computed in Half going
//   wrong, the fix (the loss in float32), and loss scaling for small gradients.
//
// Prerequisites: notebooks 3 (the gradient q − p), 4 (log-sum-exp, log-sigmoid) and 5 (softmax
// regression trained by gradient descent). The chain rule is used as in notebook 3.

// (notebook only) #r "nuget: Plotly.NET.Interactive, 6.0.0"
// (notebook only) #r "nuget: Plotly.NET.CSharp, 0.14.0"
// (notebook only) #r "nuget: MathNet.Numerics, 5.0.0"
// (notebook only) #r "nuget: System.Numerics.Tensors, 10.0.15"
// (notebook only) #r "../lib/CrossEntropy.Numerics/bin/Release/net10.0/CrossEntropy.Numerics.dll"
// (notebook only) #r "../lib/CrossEntropy.Interactive/bin/Release/net10.0/CrossEntropy.Interactive.dll"
// (notebook only) CrossEntropy.Interactive.KernelSetup.Install(); // FSharp.Core workaround for Plotly.NET + HTML views; see the README

Notebook.Cell(3);
// A standard normal sample from two uniforms (Box–Muller), so every data set below is fixed by its seed.
double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

// ## 1. Why cross-entropy and not squared error
//
// Take one example with target y ∈ {0, 1} and a model that outputs a logit z and the probability $p
// = \sigma(z)$. Two candidate losses:
//
// $$L_{\text{CE}} = -\,[\,y \log p + (1 - y)\log(1 - p)\,], \qquad L_{\text{SE}} = \tfrac12 (p - y)^2 .$$
//
// Both are smallest when p = y. Their gradients with respect to the logit follow from the chain
// rule and $\sigma'(z) = p(1 - p)$:
//
// $$\frac{\partial L_{\text{SE}}}{\partial z} = (p - y)\,\sigma'(z) = (p - y)\,p\,(1 - p),$$
//
// $$\frac{\partial L_{\text{CE}}}{\partial z} = \Big(-\frac{y}{p} + \frac{1 - y}{1 - p}\Big)\,p(1 - p) = p - y .$$
//
// The sigmoid's derivative cancels out of cross-entropy's gradient (the same cancellation gave q −
// p for softmax in notebook 3), but it stays in the squared error's. When the model is
// **confidently wrong** (y = 1 and z very negative, so p ≈ 0), $p(1 - p) \approx e^{z}$ is tiny:
// the squared error's gradient vanishes exactly where the model most needs to move. The table takes
// a positive example (y = 1) at five logits:

Notebook.Cell(5);
foreach (double z in new[] { -10.0, -5.0, -2.0, 0.0, 2.0 })
{
    double p = StableMath.Sigmoid(z);
    double crossEntropyGradient = p - 1;                  // ∂/∂z of −log p, for y = 1
    double squaredErrorGradient = (p - 1) * p * (1 - p);  // ∂/∂z of ½(p − 1)²
    Console.WriteLine($"z = {z,3}: p = {p:E3}, cross-entropy gradient {crossEntropyGradient:F6}, squared error {squaredErrorGradient:E3}");
}

// The formulas are checked by central differences, $(L(z + h) - L(z - h)) / 2h$, with cross-entropy
// taken from the library (`Losses.BinaryCrossEntropyWithLogits`):

Notebook.Cell(7);
double SquaredError(double z) => 0.5 * Math.Pow(StableMath.Sigmoid(z) - 1, 2);
double CrossEntropyOfLogit(double z) => Losses.BinaryCrossEntropyWithLogits<double>([z], [1.0]);
double Central(Func<double, double> f, double z, double h = 1e-5) => (f(z + h) - f(z - h)) / (2 * h);

double zCheck = -3, pCheck = StableMath.Sigmoid(zCheck);
Console.WriteLine($"at z = {zCheck}: cross-entropy {Central(CrossEntropyOfLogit, zCheck):F8} (formula {pCheck - 1:F8})");
Console.WriteLine($"at z = {zCheck}: squared error {Central(SquaredError, zCheck):F8} (formula {(pCheck - 1) * pCheck * (1 - pCheck):F8})");

Notebook.Cell(8);
double[] zAxis = Enumerable.Range(0, 129).Select(i => -12 + i * 0.125).ToArray();
Display.Show(Chart.Combine(new[] {
        ChartStyle.Line(zAxis, zAxis.Select(z => 1 - StableMath.Sigmoid(z)), "cross-entropy: |p − y|", colour: 0),
        ChartStyle.Line(zAxis, zAxis.Select(z => (1 - StableMath.Sigmoid(z)) * StableMath.Sigmoid(z) * (1 - StableMath.Sigmoid(z))),
            "squared error: |p − y|·p(1 − p)", colour: 1, dash: DrawingStyle.Dash) })
    .Styled("Gradient size for a positive example (y = 1) against its logit", "logit z (log-odds, nats)",
        "|∂L/∂z| per unit of logit (log scale)", logY: true));

// **The same model trained both ways.** 200 seeded points in the plane, class 1 around (+1, +1) and
// class 0 around (−1, −1), and a logistic model $z = w \cdot x + b$. Both runs start from the same
// confidently wrong weights, w = (−3, −3) (the model predicts the opposite class almost everywhere,
// with large |z|), and take the same 300 gradient-descent steps with learning rate 1. Only
// $\partial L / \partial z$ differs.

Notebook.Cell(10);
var binaryRandom = new Random(20);
double[] labels01 = Enumerable.Range(0, 200).Select(i => (double)(i % 2)).ToArray();
double[][] points = labels01.Select(y => new[] { 2 * y - 1 + Normal(binaryRandom), 2 * y - 1 + Normal(binaryRandom) }).ToArray();

// Gradient descent on a logistic model z = w·x + b, with ∂L/∂z given per example; records the accuracy at every step,
// and on request the mean cross-entropy (whatever loss is trained, so that two runs can be compared).
(double[] W, double B, double[] Accuracy, double[] Loss) Fit(double[][] x, double[] t, double[] start,
    Func<double, double, double> gradientOfLogit, int steps, double learningRate, bool recordLoss = false)
{
    double[] w = (double[])start.Clone();
    double b = 0;
    var accuracy = new double[steps + 1];
    var loss = new double[recordLoss ? steps + 1 : 0];
    var z = new double[x.Length];
    for (int s = 0; ; s++)
    {
        int right = 0;
        for (int i = 0; i < x.Length; i++)
        {
            z[i] = w[0] * x[i][0] + w[1] * x[i][1] + b;
            right += (z[i] > 0) == (t[i] == 1) ? 1 : 0;
        }

        accuracy[s] = (double)right / x.Length;
        if (recordLoss) loss[s] = Losses.BinaryCrossEntropyWithLogits<double>(z, t);
        if (s == steps)
        {
            return (w, b, accuracy, loss);
        }

        double g0 = 0, g1 = 0, gb = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double g = gradientOfLogit(z[i], t[i]);
            g0 += g * x[i][0]; g1 += g * x[i][1]; gb += g;
        }

        w[0] -= learningRate * g0 / x.Length;
        w[1] -= learningRate * g1 / x.Length;
        b -= learningRate * gb / x.Length;
    }
}

const int binarySteps = 300;
double[] wrongStart = [-3, -3];
var byCrossEntropy = Fit(points, labels01, wrongStart, (z, y) => StableMath.Sigmoid(z) - y, binarySteps, 1.0, recordLoss: true);
var bySquaredError = Fit(points, labels01, wrongStart,
    (z, y) => { double p = StableMath.Sigmoid(z); return (p - y) * p * (1 - p); }, binarySteps, 1.0, recordLoss: true);
foreach (int s in new[] { 0, 10, 50, 100, 300 })
{
    Console.WriteLine($"step {s,3}: accuracy with cross-entropy {byCrossEntropy.Accuracy[s],6:P1}, with squared error {bySquaredError.Accuracy[s],6:P1}");
}

Notebook.Cell(11);
double[] binaryStepAxis = Enumerable.Range(0, binarySteps + 1).Select(s => (double)s).ToArray();
Display.Show(Chart.Combine(new[] {
        ChartStyle.Line(binaryStepAxis, byCrossEntropy.Accuracy, "trained on cross-entropy", colour: 0),
        ChartStyle.Line(binaryStepAxis, bySquaredError.Accuracy, "trained on squared error", colour: 1, dash: DrawingStyle.Dash) })
    .Styled("Training accuracy from a confidently wrong start", "gradient-descent step", "training accuracy (fraction)", yRange: (0, 1)));

Notebook.Cell(12);
// Both runs measured by the same yardstick, the mean cross-entropy of their predictions on the training set.
Display.Show(Chart.Combine(new[] {
        ChartStyle.Line(binaryStepAxis, byCrossEntropy.Loss, "trained on cross-entropy", colour: 0),
        ChartStyle.Line(binaryStepAxis, bySquaredError.Loss, "trained on squared error", colour: 1, dash: DrawingStyle.Dash) })
    .Styled("Training loss from a confidently wrong start", "gradient-descent step", "mean cross-entropy on the training set (nats, log scale)", logY: true));

// From the wrong start, cross-entropy's gradient is close to 1 on every misclassified point, and
// the model is right on 92.0 % of the training set after 10 steps. The squared error's gradient on
// the same points carries the factor p(1 − p), tiny at these logits (the table above): after 100
// steps its model is still right on only 10.5 %, and it reaches 92.5 % only by step 300, once its
// weights have drifted far enough for the logits to come near 0, where p(1 − p) is no longer small.
// Same data, same model, same learning rate, same start: only the loss differs. With notebook 5's
// maximum-likelihood view, this is why classification is trained on cross-entropy.

// ## 2. Calibration: can the probabilities be trusted?
//
// A classifier is **calibrated** when, among the examples it gives confidence c, a fraction c is
// right: of all the predictions made at 80 %, 80 % are correct. Accuracy does not measure this, and
// a low training loss does not promise it. A flexible model trained long on few examples drives its
// training loss towards 0 by making its logits large, and then it is just as sure of itself on new
// data, where it is often wrong: it is **over-confident**.
//
// The model below is such a case, built on purpose: three overlapping classes in the plane (centres
// on a circle of radius 1.5, unit spread), only 60 training points, and a flexible model: softmax
// regression on 200 random features $\cos(\omega_k \cdot x + c_k)$, trained by 3,000
// gradient-descent steps. Held-out data: 600 validation points (to fit the temperature later) and
// 3,000 test points (to measure). The gradient of the mean loss with respect to the logits is
// `Losses.CrossEntropyGradient` (q − p per row, divided by N, as in notebook 5).

Notebook.Cell(15);
const int K = 3;
var calibrationRandom = new Random(5);
(double[][] X, int[] Y) Clouds(int n)
{
    int[] y = Enumerable.Range(0, n).Select(i => i % K).ToArray();
    double[][] x = y.Select(c => new[] {
        1.5 * Math.Cos(2 * Math.PI * c / K) + Normal(calibrationRandom),
        1.5 * Math.Sin(2 * Math.PI * c / K) + Normal(calibrationRandom) }).ToArray();
    return (x, y);
}

var (trainX, trainY) = Clouds(60);
var (validationX, validationY) = Clouds(600);
var (testX, testY) = Clouds(3000);

const int featureCount = 200;
double[][] omega = Enumerable.Range(0, featureCount).Select(_ => new[] { Normal(calibrationRandom), Normal(calibrationRandom) }).ToArray();
double[] phase = Enumerable.Range(0, featureCount).Select(_ => 2 * Math.PI * calibrationRandom.NextDouble()).ToArray();
double[] Features(double[] x) =>
    Enumerable.Range(0, featureCount).Select(k => Math.Cos(omega[k][0] * x[0] + omega[k][1] * x[1] + phase[k])).Append(1.0).ToArray();

// Softmax regression: logits z = φ(x)·W for every row (N × classes, row-major), W of shape features × classes.
double[] LogitsOf(double[][] phi, double[] weights, int classes)
{
    var z = new double[phi.Length * classes];
    for (int i = 0; i < phi.Length; i++)
        for (int k = 0; k < phi[i].Length; k++)
            for (int c = 0; c < classes; c++)
                z[i * classes + c] += phi[i][k] * weights[k * classes + c];
    return z;
}

// Gradient descent on W; lossGradient writes ∂L/∂z (already divided by N) for the current logits.
double[] TrainSoftmax(double[][] phi, int classes, Action<double[], double[]> lossGradient, int steps, double learningRate)
{
    var weights = new double[phi[0].Length * classes];
    var gradient = new double[phi.Length * classes];
    for (int s = 0; s < steps; s++)
    {
        lossGradient(LogitsOf(phi, weights, classes), gradient);
        for (int i = 0; i < phi.Length; i++)
            for (int k = 0; k < phi[i].Length; k++)
                for (int c = 0; c < classes; c++)
                    weights[k * classes + c] -= learningRate * phi[i][k] * gradient[i * classes + c];
    }

    return weights;
}

double[][] trainPhi = trainX.Select(Features).ToArray();
double[] overfitWeights = TrainSoftmax(trainPhi, K, (z, g) => Losses.CrossEntropyGradient<double>(z, K, trainY, g), 3000, 0.5);
double[] trainLogits = LogitsOf(trainPhi, overfitWeights, K);
double[] validationLogits = LogitsOf(validationX.Select(Features).ToArray(), overfitWeights, K);
double[] testLogits = LogitsOf(testX.Select(Features).ToArray(), overfitWeights, K);

Notebook.Cell(16);
int[] Predictions(double[] logits, int classes) =>
    Enumerable.Range(0, logits.Length / classes).Select(i => Array.IndexOf(logits, logits.Skip(i * classes).Take(classes).Max(), i * classes) - i * classes).ToArray();
double AccuracyOf(double[] logits, int[] y, int classes) => Predictions(logits, classes).Zip(y, (a, b) => a == b ? 1.0 : 0.0).Average();
// Confidence of each row: its largest probability, at temperature T.
double[] ConfidencesOf(double[] logits, int classes, double temperature = 1) =>
    Enumerable.Range(0, logits.Length / classes).Select(i => StableMath.Softmax<double>(logits.AsSpan(i * classes, classes), temperature).Max()).ToArray();

Console.WriteLine($"training set: mean cross-entropy {Losses.CrossEntropy<double>(trainLogits, K, trainY):F4} nats, accuracy {AccuracyOf(trainLogits, trainY, K):P1}");
Console.WriteLine($"test set:     mean cross-entropy {Losses.CrossEntropy<double>(testLogits, K, testY):F4} nats, accuracy {AccuracyOf(testLogits, testY, K):P1}");
Console.WriteLine($"              mean confidence {ConfidencesOf(testLogits, K).Average():P1}");

// On the training set the model is nearly perfect: mean loss 0.0691 nats, 96.7 % right. On the test
// set it is right 70.7 % of the time but says it is sure (mean confidence 94.5 %), and its mean
// cross-entropy of 2.5857 nats is worse than the ln 3 = 1.0986 nats of a model that always answers
// [1/3, 1/3, 1/3].
//
// **The reliability diagram.** Sort the test predictions into bins by confidence (here 10 bins of
// width 0.1), and plot each bin's accuracy against its mean confidence. A calibrated model lies on
// the diagonal; an over-confident one lies below it. **Expected calibration error** (ECE)
// summarises the diagram as the bins' average gap, weighted by how many predictions fall in each:
//
// $$\mathrm{ECE} = \sum_{b} \frac{n_b}{N}\,\big|\,\mathrm{acc}(b) - \mathrm{conf}(b)\,\big| .$$

Notebook.Cell(18);
// Equal-width confidence bins over [0, 1]: per non-empty bin its mean confidence, accuracy and size.
List<(double Confidence, double Accuracy, int Count)> Bins(double[] confidence, bool[] correct, int binCount)
{
    var bins = new List<(double, double, int)>();
    for (int b = 0; b < binCount; b++)
    {
        int[] members = Enumerable.Range(0, confidence.Length)
            .Where(i => Math.Min((int)(confidence[i] * binCount), binCount - 1) == b).ToArray();
        if (members.Length > 0)
        {
            bins.Add((members.Average(i => confidence[i]), members.Average(i => correct[i] ? 1.0 : 0.0), members.Length));
        }
    }

    return bins;
}

double Ece(double[] confidence, bool[] correct, int binCount) =>
    Bins(confidence, correct, binCount).Sum(b => (double)b.Count / confidence.Length * Math.Abs(b.Accuracy - b.Confidence));

bool[] testCorrect = Predictions(testLogits, K).Zip(testY, (a, b) => a == b).ToArray();
double[] testConfidence = ConfidencesOf(testLogits, K);
foreach (var bin in Bins(testConfidence, testCorrect, 10))
{
    Console.WriteLine($"confidence {bin.Confidence:F3}: accuracy {bin.Accuracy:F3} over {bin.Count,4} predictions");
}

Console.WriteLine($"ECE (10 bins) = {Ece(testConfidence, testCorrect, 10):F4}");

// ECE has a blind spot: it measures calibration, not usefulness. A model that ignores its input and
// always predicts the class frequencies of the validation set is almost perfectly calibrated, and
// useless:

Notebook.Cell(20);
double[] frequencies = Enumerable.Range(0, K).Select(c => validationY.Count(y => y == c) / (double)validationY.Length).ToArray();
double[] priorLogits = testY.SelectMany(_ => frequencies.Select(f => Math.Log(f))).ToArray();   // every row: log of the frequencies
bool[] priorCorrect = Predictions(priorLogits, K).Zip(testY, (a, b) => a == b).ToArray();
Console.WriteLine($"class-frequency model: ECE (10 bins) {Ece(ConfidencesOf(priorLogits, K), priorCorrect, 10):F4}, accuracy {AccuracyOf(priorLogits, testY, K):P1}");
Console.WriteLine($"                       NLL {Losses.CrossEntropy<double>(priorLogits, K, testY):F4} nats (ln 3 = {Math.Log(3):F4})");

// **NLL is a proper scoring rule.** Cross-entropy (negative log-likelihood, NLL) does not have this
// blind spot. Suppose an event truly has probability π and a model reports q. The expected loss of
// that report is $-\pi \log q - (1 - \pi)\log(1 - q) = H(\pi, q) = H(\pi) + \mathrm{KL}(\pi \,\|\,
// q)$, and Gibbs' inequality (notebook 2) says it is smallest exactly at q = π: **a model minimises
// its expected NLL only by reporting the true probabilities.** That is what "strictly proper"
// means. Accuracy is not: any q above 0.5 gives the same expected accuracy. With π = 0.7, computed
// by `Information.CrossEntropy`:

Notebook.Cell(22);
double truth = 0.7;
foreach (double q in new[] { 0.55, 0.7, 0.9, 0.99 })
{
    Console.WriteLine($"report q = {q,4}: expected NLL {Information.CrossEntropy([truth, 1 - truth], [q, 1 - q]):F4} nats, expected accuracy {(q > 0.5 ? truth : 1 - truth):F2}");
}

double bestReport = Enumerable.Range(1, 999).Select(i => i / 1000.0).MinBy(q => Information.CrossEntropy([truth, 1 - truth], [q, 1 - q]));
Console.WriteLine($"smallest expected NLL on a grid of step 0.001: q = {bestReport}");

// ### Temperature scaling
//
// The over-confident model ranks classes well enough; its logits are simply too large.
// **Temperature scaling** (Guo et al. 2017) divides every logit by one number T > 0 fitted on
// held-out data, $q = \mathrm{softmax}(z / T)$. Dividing by a positive number does not change which
// logit is largest, so **accuracy cannot change**; only the confidence does (T > 1 softens, T < 1
// sharpens).
//
// T is fitted by minimising the validation NLL. Write β = 1/T. Each row's loss is
// $\mathrm{LSE}(\beta z) - \beta z_y$, whose derivatives in β are
//
// $$\frac{d}{d\beta} = \mathbb{E}_{q}[z] - z_y, \qquad \frac{d^2}{d\beta^2} = \mathrm{Var}_{q}[z] \ \ge 0, \qquad q = \mathrm{softmax}(\beta z),$$
//
// so the mean NLL is a **convex function of β**: one minimum, no local traps, and its slope
// increases with β. The cell prints the curvature on a grid and finds the minimum by bisection on
// the slope.

Notebook.Cell(24);
// Slope and curvature of the mean NLL in β = 1/T: mean of E_q[z] − z_y and of Var_q[z], q = softmax(β·z).
(double Slope, double Curvature) Derivatives(double[] logits, int[] y, double beta)
{
    double slope = 0, curvature = 0;
    for (int i = 0; i < y.Length; i++)
    {
        var z = logits.AsSpan(i * K, K);
        double[] q = StableMath.Softmax<double>(z, 1 / beta);
        double mean = 0, square = 0;
        for (int c = 0; c < K; c++) { mean += q[c] * z[c]; square += q[c] * z[c] * z[c]; }
        slope += mean - z[y[i]];
        curvature += square - mean * mean;
    }

    return (slope / y.Length, curvature / y.Length);
}

double[] betaGrid = Enumerable.Range(1, 300).Select(i => i / 100.0).ToArray();
double minimumCurvature = betaGrid.Min(b => Derivatives(validationLogits, validationY, b).Curvature);
Console.WriteLine($"smallest curvature on β = 0.01 … 3: {minimumCurvature:E3} (≥ 0: convex)");

double low = 0.001, high = 1;
while (Derivatives(validationLogits, validationY, high).Slope < 0) high *= 2;
for (int step = 0; step < 60; step++)
{
    double mid = 0.5 * (low + high);
    if (Derivatives(validationLogits, validationY, mid).Slope < 0) low = mid; else high = mid;
}

double fittedTemperature = 2 / (low + high);
Console.WriteLine($"fitted on the validation set: β = {1 / fittedTemperature:F4}, T = {fittedTemperature:F4}");

Notebook.Cell(25);
double NllAt(double[] logits, int[] y, double temperature) =>
    Losses.CrossEntropy<double>(logits.Select(v => v / temperature).ToArray(), K, y);

double[] temperatureAxis = Enumerable.Range(0, 196).Select(i => 0.5 + i * 0.1).ToArray();   // T from 0.5 to 20
Display.Show(Chart.Combine(new[] {
        ChartStyle.Line(temperatureAxis, temperatureAxis.Select(t => NllAt(validationLogits, validationY, t)), "validation NLL", colour: 0),
        ChartStyle.Line([fittedTemperature], [NllAt(validationLogits, validationY, fittedTemperature)], "fitted T (minimum)", colour: 3, markers: true) })
    .Styled("Validation NLL against the temperature: one minimum", "temperature T (no unit)", "mean cross-entropy (nats)"));

// Applied to the test set, which played no part in the fit:

Notebook.Cell(27);
double[] scaledTestLogits = testLogits.Select(v => v / fittedTemperature).ToArray();
double[] scaledConfidence = ConfidencesOf(testLogits, K, fittedTemperature);
bool[] scaledCorrect = Predictions(scaledTestLogits, K).Zip(testY, (a, b) => a == b).ToArray();
Console.WriteLine($"before (T = 1):    NLL {NllAt(testLogits, testY, 1):F4} nats, ECE (10 bins) {Ece(testConfidence, testCorrect, 10):F4}, accuracy {AccuracyOf(testLogits, testY, K):P1}");
Console.WriteLine($"after  (T = {fittedTemperature:F2}): NLL {NllAt(testLogits, testY, fittedTemperature):F4} nats, ECE (10 bins) {Ece(scaledConfidence, scaledCorrect, 10):F4}, accuracy {AccuracyOf(scaledTestLogits, testY, K):P1}");
Console.WriteLine($"predictions that changed class: {Predictions(testLogits, K).Zip(Predictions(scaledTestLogits, K)).Count(p => p.First != p.Second)}");

Notebook.Cell(28);
// Bins with fewer than 20 predictions are left out of the chart: their accuracy is mostly noise (the table above).
var before = Bins(testConfidence, testCorrect, 10).Where(b => b.Count >= 20).ToArray();
var after = Bins(scaledConfidence, scaledCorrect, 10).Where(b => b.Count >= 20).ToArray();
Display.Show(Chart.Combine(new[] {
        ChartStyle.Line([0.0, 1.0], [0.0, 1.0], "perfect calibration", colour: 7, dash: DrawingStyle.Dot, width: 1.5),
        ChartStyle.Line(before.Select(b => b.Confidence), before.Select(b => b.Accuracy), "before: T = 1", colour: 3, markers: true),
        ChartStyle.Line(after.Select(b => b.Confidence), after.Select(b => b.Accuracy), $"after: T = {fittedTemperature:F2}", colour: 0, markers: true, dash: DrawingStyle.Dash) })
    .Styled("Reliability diagram, test set (bins with ≥ 20 predictions)",
        "mean confidence in the bin (probability)", "accuracy in the bin (fraction)", xRange: (0.25, 1.0), yRange: (0.25, 1.0)));

// The fitted T = 10.81 divides every logit by about eleven. On the test set the NLL falls from
// 2.5857 to 0.6206 nats and ECE (10 bins) from 0.2386 to 0.0323, while accuracy stays at 70.7 % and
// no prediction changes class. In the diagram the points move from far below the diagonal to close
// to it. Temperature scaling has one parameter: it fixes a model that is over-confident everywhere
// by the same factor, not one that is over-confident in some regions and under-confident in others,
// and it cannot fix a wrong ranking. It must be fitted on held-out data: on the training set this
// model is right 96.7 % of the time, so the training data do not show its over-confidence.
//
// **ECE depends on its bins.** It is an estimate computed from a histogram, and a different
// histogram gives a different number: with few bins, over- and under-confident predictions that
// share a bin cancel; with many, each bin holds few predictions and its accuracy is noisy, which
// adds a positive bias. The same test predictions, five binnings:

Notebook.Cell(30);
foreach (int bins in new[] { 5, 10, 15, 20, 50 })
{
    Console.WriteLine($"{bins,2} bins: ECE before {Ece(testConfidence, testCorrect, bins):F4}, after {Ece(scaledConfidence, scaledCorrect, bins):F4}");
}

// Before scaling, every bin is over-confident, so nothing cancels and every binning gives the same
// 0.2386: it is then simply the mean confidence minus the accuracy (94.5 % − 70.7 %). After
// scaling, the five binnings give 0.0233 to 0.0528, a factor of two for the same predictions.
// Always state the binning with an ECE, and compare two models only under the same binning; NLL,
// which needs no bins, is the number to minimise.

// ## 3. Focal loss: the other answer to class imbalance
//
// Notebook 6 met class imbalance with `pos_weight`, which multiplies the loss of every positive
// example by one factor. The **focal loss** (Lin et al. 2017, for object detectors that see
// thousands of easy background boxes per object) instead down-weights *easy* examples, whichever
// their class. With $p = \sigma(x)$ and $p_t$ the probability the model gives to the **true** class
// ($p_t = p$ for a positive, $1 - p$ for a negative):
//
// $$\mathrm{FL} = -\,\alpha_t\,(1 - p_t)^{\gamma}\,\log p_t, \qquad \alpha_t = \alpha \text{ for a positive}, \ 1 - \alpha \text{ for a negative}.$$
//
// γ = 0 is the α-weighted binary cross-entropy. For γ > 0 the factor $(1 - p_t)^\gamma$ is near 1
// for a badly classified example and near 0 for an easy one. The library's
// `Losses.SigmoidFocalLoss` follows torchvision's `sigmoid_focal_loss` (α = 0.25 and γ = 2 by
// default, α < 0 for no α weighting) and works from the logit, so it stays finite and exact where
// $1 - \sigma(x)$ would round to 0. The loss of one positive example at four values of $p_t$,
// without α:

Notebook.Cell(33);
double[] gammas = [0, 1, 2, 5];
double FocalOfPositive(double pt, double gamma) =>
    Losses.SigmoidFocalLoss<double>([Math.Log(pt / (1 - pt))], [1.0], alpha: -1, gamma: gamma, reduction: Reduction.Sum);

Console.WriteLine($"              {string.Join("", gammas.Select(g => $"{$"γ = {g}",12}"))}");
foreach (double pt in new[] { 0.1, 0.5, 0.9, 0.99 })
{
    Console.WriteLine($"p_t = {pt,-4}  loss {string.Join("", gammas.Select(g => $"{FocalOfPositive(pt, g),12:E3}"))}");
    Console.WriteLine($"      ratio to γ = 0 {string.Join("", gammas.Select(g => $"{FocalOfPositive(pt, g) / FocalOfPositive(pt, 0),12:F4}"))}");
}

Notebook.Cell(34);
double[] ptAxis = Enumerable.Range(1, 99).Select(i => i / 100.0).ToArray();
DrawingStyle?[] dashes = [null, DrawingStyle.Dash, DrawingStyle.Dot, DrawingStyle.DashDot];
Display.Show(Chart.Combine(gammas.Select((g, i) =>
        ChartStyle.Line(ptAxis, ptAxis.Select(pt => FocalOfPositive(pt, g)), $"γ = {g}", colour: i, dash: dashes[i])))
    .Styled("Focal loss of one example against the probability of its true class", "p_t, probability of the true class",
        "loss (nats)", yRange: (0, 3)));

// The ratio to γ = 0 is exactly $(1 - p_t)^\gamma$. An easy example with $p_t$ = 0.9 keeps 0.1000
// of its cross-entropy at γ = 1 and 0.0100 at γ = 2; a hard one with $p_t$ = 0.1 keeps 0.8100 at γ
// = 2. So γ = 2 cuts an easy example's loss a hundredfold and a hard one's by a fifth: the many
// easy negatives of an imbalanced set stop dominating the sum, whichever class they belong to. In
// the chart every curve starts at the same loss for a hopeless example and the larger γ, the sooner
// it flattens to 0.
//
// **Its gradient.** With $dp_t/dx = \pm\,p_t(1 - p_t)$ (+ for a positive, − for a negative), the
// chain rule gives
//
// $$\frac{\partial\,\mathrm{FL}}{\partial x} = \pm\,\alpha_t\,(1 - p_t)^{\gamma}\,\big(\gamma\,p_t \log p_t - (1 - p_t)\big),$$
//
// which for γ = 0 is $\alpha_t (p - y)$, cross-entropy's gradient. The formula, checked against
// central differences of the library's loss:

Notebook.Cell(36);
double FocalGradient(double x, double t, double alpha, double gamma)
{
    double p = StableMath.Sigmoid(x);
    double pt = t == 1 ? p : 1 - p;
    double sign = t == 1 ? 1 : -1;                           // dp_t/dx = ±p_t(1 − p_t)
    double alphaT = alpha < 0 ? 1 : alpha * t + (1 - alpha) * (1 - t);
    return sign * alphaT * Math.Pow(1 - pt, gamma) * (gamma * pt * Math.Log(pt) - (1 - pt));
}

foreach (var (x, t) in new[] { (0.5, 1.0), (1.5, 0.0), (-2.0, 1.0) })
{
    double numeric = Central(v => Losses.SigmoidFocalLoss<double>([v], [t], reduction: Reduction.Sum), x);
    Console.WriteLine($"x = {x,4}, t = {t}: formula {FocalGradient(x, t, 0.25, 2):F8}, central difference {numeric:F8}");
}

// **On the same imbalanced data as `pos_weight`.** 2,000 seeded training points in the plane, 5 %
// positive (positives around (1.5, 1.5), negatives around the origin, unit spread), and a test set
// of 10,000 from the same distribution. Three logistic models, each trained by 3,000
// gradient-descent steps from w = 0: plain binary cross-entropy; cross-entropy with `pos_weight` =
// 19 (negatives per positive, as in notebook 6); focal loss with torchvision's α = 0.25, γ = 2. For
// each: the mean predicted probability against the true positive rate, recall and precision at the
// usual threshold 0.5, and the threshold each model needs to find 80 % of the positives.

Notebook.Cell(38);
var imbalancedRandom = new Random(11);
(double[][] X, double[] T) Imbalanced(int negatives, int positives)
{
    double[] t = Enumerable.Repeat(0.0, negatives).Concat(Enumerable.Repeat(1.0, positives)).ToArray();
    return (t.Select(y => new[] { 1.5 * y + Normal(imbalancedRandom), 1.5 * y + Normal(imbalancedRandom) }).ToArray(), t);
}

var (imbalancedX, imbalancedT) = Imbalanced(1900, 100);
var (heldOutX, heldOutT) = Imbalanced(9500, 500);
double positiveWeight = 1900.0 / 100;

var models = new (string Name, Func<double, double, double> Gradient)[]
{
    ("cross-entropy", (z, t) => StableMath.Sigmoid(z) - t),
    ($"pos_weight = {positiveWeight}", (z, t) => (1 - t) * StableMath.Sigmoid(z) - positiveWeight * t * StableMath.Sigmoid(-z)),
    ("focal, α = 0.25, γ = 2", (z, t) => FocalGradient(z, t, 0.25, 2)),
};

double Recall(double[] p, double threshold) =>
    Enumerable.Range(0, p.Length).Count(i => heldOutT[i] == 1 && p[i] >= threshold) / (double)heldOutT.Count(t => t == 1);
double PrecisionAt(double[] p, double threshold)
{
    int predicted = p.Count(v => v >= threshold);
    return predicted == 0 ? double.NaN : Enumerable.Range(0, p.Length).Count(i => heldOutT[i] == 1 && p[i] >= threshold) / (double)predicted;
}

Console.WriteLine($"true positive rate of the test set: {heldOutT.Average():P2}");
foreach (var (name, gradient) in models)
{
    var fit = Fit(imbalancedX, imbalancedT, [0.0, 0.0], gradient, 3000, 0.5);
    double[] p = heldOutX.Select(x => StableMath.Sigmoid(fit.W[0] * x[0] + fit.W[1] * x[1] + fit.B)).ToArray();
    double threshold80 = p.Where((_, i) => heldOutT[i] == 1).OrderByDescending(v => v).ElementAt((int)(0.8 * 500) - 1);
    Console.WriteLine($"{name}: mean p {p.Average():P2}; at threshold 0.5 recall {Recall(p, 0.5):P1}, precision {PrecisionAt(p, 0.5):P1}");
    Console.WriteLine($"    80 % recall needs threshold {threshold80:F3}, precision there {PrecisionAt(p, threshold80):P1}");
}

// Three things to read in these lines.
//
// - **Only plain cross-entropy stays calibrated.** Its mean predicted probability, 4.83 %, is close
//   to the true rate of 5.00 %. `pos_weight` = 19 trains the model as if positives were 19 times
//   more frequent (notebook 6), and its mean probability is 23.87 %; the focal loss, which stops
//   rewarding confident predictions, gives 12.02 %.
// - **At the threshold 0.5 they behave very differently:** recall 36.2 %, 83.0 % and 18.2 %. Note
//   torchvision's α = 0.25 weighs the *positives* less, not more; Lin et al. found it best together
//   with γ = 2, which already removes most of the easy negatives' weight. Here that leaves the
//   focal model with the lowest recall at 0.5.
// - **With each model's threshold chosen for 80 % recall, the precision is 27.9 %, 28.2 % and 27.9
//   %.** The three linear models rank the test points almost identically; the losses mostly moved
//   the threshold.
//
// So on a small linear model neither loss beats plain cross-entropy with a threshold chosen on
// held-out data. The focal loss earns its place in deep detectors, where millions of easy examples
// would otherwise dominate the gradient and change what the network learns. Whatever the loss,
// choose the threshold on held-out data, and do not read a `pos_weight` or focal model's outputs as
// probabilities.

// ## 4. Knowledge distillation: learning from soft targets
//
// A large trained model (the **teacher**) knows more than its top answer: it gives a "2" that looks
// like a "7" more probability of being a 7 than of being a 4. Hinton, Vinyals and Dean (2015)
// called these small probabilities **dark knowledge** and trained a small model (the **student**)
// to match them. At T = 1 they are nearly invisible (the teacher of the demonstration below gives
// class C 0.001 at a point between A and B), so both distributions are softened by a temperature T
// > 1, as in notebook 3:
//
// $$p_T = \mathrm{softmax}(v / T), \qquad q_T = \mathrm{softmax}(z / T),$$
//
// $$L_{\text{soft}} = T^2\,\mathrm{KL}(p_T \,\|\, q_T) = T^2\,\big[H(p_T, q_T) - H(p_T)\big],$$
//
// with v the teacher's logits and z the student's. KL and cross-entropy against $p_T$ differ by
// $H(p_T)$, which does not depend on the student, so they have the same gradient: $\partial
// L_{\text{soft}} / \partial z = T^2 \cdot (q_T - p_T)/T = T\,(q_T - p_T)$.
//
// **Why T².** Without it, the gradient is $(q_T - p_T)/T$, and for large T both softmaxes approach
// uniform, with $q_T - p_T \approx (z - v)/(C\,T)$ for zero-mean logits: the gradient shrinks like
// $1/T^2$. In practice the soft loss is added to the ordinary hard-label loss, and multiplying it
// by T² keeps the two on the same scale whatever T is chosen. The size of the gradient for one pair
// of logit vectors (C = 5), by `Losses.KLDivergenceLoss` and `Losses.CrossEntropyGradient`:

Notebook.Cell(41);
double[] teacherLogits = [6.0, 2.0, 1.0, -1.0, -3.0];
double[] studentLogits = [2.0, 1.5, 0.0, 0.5, -1.0];
double[] softGradient = new double[5];
double Norm(double[] v) => Math.Sqrt(v.Sum(g => g * g));

foreach (double temperature in new[] { 1.0, 2.0, 4.0, 8.0, 16.0 })
{
    double[] pT = StableMath.Softmax<double>(teacherLogits, temperature);
    double kl = Losses.KLDivergenceLoss<double>(StableMath.LogSoftmax<double>(studentLogits, temperature), pT, classCount: 5);
    // ∂KL/∂z = (q_T − p_T)/T: the cross-entropy gradient at logits z/T, divided by T.
    Losses.CrossEntropyGradient<double>(studentLogits.Select(v => v / temperature).ToArray(), 5, pT, softGradient);
    double plain = Norm(softGradient) / temperature;
    Console.WriteLine($"T = {temperature,2}: KL {kl:E3}, |∂KL/∂z| {plain:E3}, |∂(T²·KL)/∂z| {temperature * temperature * plain:F4}");
}

// Without T² the gradient falls from 0.5703 at T = 1 to 3.939·10⁻³ at T = 16; at large T each
// doubling divides it by about 4 (1.652·10⁻² at T = 8). With T² it stays between 0.5703 and 1.1129
// for every T: the soft loss keeps its weight next to the hard-label loss whatever temperature is
// chosen.
//
// **Dark knowledge, demonstrated.** Three classes in the plane, A, B and C, centred at (−2, 0), (0,
// 0) and (2, 0): B lies between the others and overlaps both. The teacher is softmax regression
// trained on 300 points of all three classes. The **transfer set** on which the students learn has
// no example of B at all, only the 200 training points of A and C. One student learns from the hard
// labels (A or C); the other from the teacher's soft targets at T = 4, with the loss $T^2
// \mathrm{KL}(p_T \,\|\, q_T)$. Both are tested on 1,000 fresh points of class B.

Notebook.Cell(43);
var darkRandom = new Random(3);
double[][] centres = [[-2, 0], [0, 0], [2, 0]];
(double[][] X, int[] Y) Line(int perClass, params int[] classes)
{
    int[] y = Enumerable.Range(0, perClass * classes.Length).Select(i => classes[i % classes.Length]).ToArray();
    return (y.Select(c => new[] { centres[c][0] + 0.8 * Normal(darkRandom), centres[c][1] + 0.8 * Normal(darkRandom), 1.0 }).ToArray(), y);
}

var (allX, allY) = Line(100, 0, 1, 2);
var (transferX, transferY) = Line(100, 0, 2);                 // no class B (1)
var (testBX, testBY) = Line(1000, 1);

double[] teacher = TrainSoftmax(allX, K, (z, g) => Losses.CrossEntropyGradient<double>(z, K, allY, g), 2000, 0.5);
const double distillationT = 4;
double[] softTargets = Enumerable.Range(0, transferX.Length)
    .SelectMany(i => StableMath.Softmax<double>(LogitsOf([transferX[i]], teacher, K), distillationT)).ToArray();

double[] hardStudent = TrainSoftmax(transferX, K, (z, g) => Losses.CrossEntropyGradient<double>(z, K, transferY, g), 2000, 0.5);
double[] softStudent = TrainSoftmax(transferX, K, (z, g) =>
{
    // ∂(T²·KL)/∂z = T·(q_T − p_T)/N: the mean cross-entropy gradient at z/T, times T.
    Losses.CrossEntropyGradient<double>(z.Select(v => v / distillationT).ToArray(), K, softTargets, g);
    for (int i = 0; i < g.Length; i++) g[i] *= distillationT;
}, 2000, 0.5);

foreach (var (name, weights) in new[] { ("teacher (saw B)", teacher), ("student, hard labels", hardStudent), ("student, soft targets", softStudent) })
{
    Console.WriteLine($"{name,-22}: accuracy on class B {AccuracyOf(LogitsOf(testBX, weights, K), testBY, K):P1}");
}

Notebook.Cell(44);
double[] nearB = [-1.0, 0.0, 1.0];   // an A-side point, between A and B
foreach (var (name, weights) in new[] { ("teacher", teacher), ("student, hard labels", hardStudent), ("student, soft targets", softStudent) })
{
    double[] z = LogitsOf([nearB], weights, K);
    Console.WriteLine($"{name,-22} at x = (−1, 0): P(A, B, C) = [{string.Join(", ", StableMath.Softmax<double>(z).Select(v => v.ToString("F3")))}]");
    Console.WriteLine($"{"",-22} at T = 4:       P(A, B, C) = [{string.Join(", ", StableMath.Softmax<double>(z, distillationT).Select(v => v.ToString("F2")))}]");
}

// The student trained on hard labels never saw a B, so its B logit was only ever pushed down: it
// labels 0.0 % of the B points as B, and at x = (−1, 0), between A and B, it says [0.999, 0.000,
// 0.001]. The student trained on soft targets saw no B either, but the A and C points near the
// middle carried the teacher's probability of B; it labels 79.6 % of the B points correctly, the
// teacher's own accuracy, and at x = (−1, 0) it reproduces the teacher's [0.497, 0.502, 0.001].
// That is dark knowledge: how much a B resembles an A lives in the small probabilities, and at T =
// 4 they are large enough to learn from ([0.45, 0.46, 0.09] at that point, at T = 4). This student
// matches the teacher to three decimals because it has the teacher's form (softmax regression on
// the same inputs); a smaller student matches it as closely as its form allows.

// ## 5. Mixed precision: the loss in 16 bits
//
// Large models are trained with 16-bit numbers: half the memory and bandwidth of float32, and much
// faster matrix units. Two 16-bit formats are in use:
//
// - **Half** (IEEE binary16, .NET's `System.Half`): 5 exponent bits and 11 significant bits (10
//   stored). Largest value 65504; relative step 2⁻¹⁰ ≈ 0.001.
// - **bfloat16** ("brain float"): float32 with its low 16 bits cut off, so 8 exponent bits (float's
//   range, up to about 3.4·10³⁸) and only 8 significant bits (7 stored); relative step 2⁻⁷ ≈ 0.008.

Notebook.Cell(47);
Half one = (Half)1;
Console.WriteLine($"Half:  largest {(double)Half.MaxValue}, smallest normal {(double)BitConverter.UInt16BitsToHalf(0x0400):E3}, step above 1 = {(double)Half.BitIncrement(one) - 1} = 2^{Math.Log2((double)Half.BitIncrement(one) - 1)}");
Console.WriteLine($"float: largest {float.MaxValue:E3}, step above 1 = {MathF.BitIncrement(1f) - 1f:E3} = 2^{Math.Log2(MathF.BitIncrement(1f) - 1f)}");
Type? bfloat16 = typeof(Half).Assembly.GetType("System.Numerics.BFloat16") ?? typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.GetType("System.Numerics.BFloat16");
Console.WriteLine($"a BFloat16 type in .NET {Environment.Version}: {bfloat16?.FullName ?? "none"}");
Console.WriteLine("(looked for System.Numerics.BFloat16 in System.Private.CoreLib and System.Numerics.Tensors)");

// .NET 10 has no bfloat16 type, so this notebook **emulates** it: keep a float's top 16 bits (sign,
// 8 exponent bits, 7 fraction bits) and zero the rest. That truncates (rounds towards zero);
// hardware conversions round to nearest, so an emulated value can be one bfloat16 step below the
// hardware's, which changes nothing shown here.

Notebook.Cell(49);
float ToBFloat16(float x) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) & unchecked((int)0xFFFF0000));
Console.WriteLine($"bfloat16: π → {ToBFloat16(MathF.PI)}, 1 + 2⁻⁸ → {ToBFloat16(1 + 1f / 256)}, step above 1 = {ToBFloat16(1 + 1f / 128) - 1}, e^80 → {ToBFloat16(MathF.Exp(80)):E3}");

// **Half's range ends early.** The exponential in a softmax is where it shows: e^x exceeds 65504
// for a modest logit.

Notebook.Cell(51);
foreach (double x in new[] { 5.0, 10.0, 11.0, 12.0, 20.0 })
{
    Console.WriteLine($"e^{x} = {Math.Exp(x):E4}: in Half {(double)(Half)Math.Exp(x)}, in bfloat16 {ToBFloat16((float)Math.Exp(x)):E4}");
}

// Somewhere between 11 and 12, e^x stops fitting in Half (Exercise 8.4 finds exactly where);
// bfloat16 holds it easily but with 2–3 significant digits. Now the loss itself, computed entirely
// in a 16-bit format: each operation's result rounded to the format, as a GPU kernel working in
// that format would. `round` is the format's rounding. First the textbook softmax without the max
// shift, then the stable form (notebook 4), then the batch mean:

Notebook.Cell(53);
Func<double, double> inHalf = v => (double)(Half)v;
Func<double, double> inBFloat16 = v => ToBFloat16((float)v);

// −log softmax(z)_y with every intermediate rounded by `round`; shift = subtract the maximum first (notebook 4).
double LossIn(Func<double, double> round, double[] z, int y, bool shift)
{
    double m = shift ? z.Max() : 0;
    double sum = 0;
    foreach (double v in z) sum = round(sum + round(Math.Exp(round(v - m))));
    return round(round(round(Math.Log(sum)) + m) - z[y]);
}

double[] confidentRow = [10.0, 0.0, 0.0];
double exactLoss = Losses.CrossEntropy<double>(confidentRow, 3, [0]);
Console.WriteLine($"logits [12, 3, 1], target 0, no shift, in Half: loss {LossIn(inHalf, [12, 3, 1], 0, shift: false)}");
Console.WriteLine($"logits [10, 0, 0], target 0, shifted: exact {exactLoss:E4}, in Half {LossIn(inHalf, confidentRow, 0, true)}, in bfloat16 {LossIn(inBFloat16, confidentRow, 0, true)}");

// Without the shift, e¹² is ∞ in Half and so is the loss. With the shift nothing overflows, and yet
// the loss of the confident row is 0 in Half and in bfloat16 instead of 9.0796·10⁻⁵: the sum of the
// exponentials is 1 + 2e⁻¹⁰, and 2e⁻¹⁰ is far below half of Half's step above 1 (2⁻¹⁰) and of
// bfloat16's (2⁻⁷), so the sum rounds to 1 and its log to
// 0. A well-trained model's losses are all this small, and a loss of exactly 0 says the model is
//    perfect.

Notebook.Cell(55);
// A batch of 4,096 rows of 10 classes, moderate logits: the per-row losses (computed correctly) averaged in each format.
var batchRandom = new Random(1);
const int batchRows = 4096, batchClasses = 10;
float[] batchLogits = Enumerable.Range(0, batchRows * batchClasses).Select(_ => (float)(2 * Normal(batchRandom))).ToArray();
int[] batchTargets = Enumerable.Range(0, batchRows).Select(_ => batchRandom.Next(batchClasses)).ToArray();
float[] rowLosses = new float[batchRows];
Losses.CrossEntropy<float>(batchLogits, batchClasses, batchTargets, rowLosses);

double SumIn(Func<double, double> round) => rowLosses.Aggregate(0.0, (sum, l) => round(sum + round(l)));
double MeanIn(Func<double, double> round) => round(SumIn(round) / batchRows);
Console.WriteLine($"mean loss: double {rowLosses.Average(l => (double)l):F4}, float accumulator {MeanIn(v => (float)v):F4}");
Console.WriteLine($"           Half accumulator {MeanIn(inHalf):F4}, bfloat16 accumulator {MeanIn(inBFloat16):F4}");
double halfSum = SumIn(inHalf), bfloat16Sum = SumIn(inBFloat16);
Console.WriteLine($"sum of the {batchRows:N0} losses: double {rowLosses.Sum(l => (double)l):F1}");
Console.WriteLine($"    Half {halfSum} (step between Half values there: {(double)Half.BitIncrement((Half)halfSum) - halfSum})");
Console.WriteLine($"    bfloat16 {bfloat16Sum} (step there: {Math.Pow(2, Math.Floor(Math.Log2(bfloat16Sum)) - 7)}, from its 8 significant bits)");

// Every row's loss was right (computed in float); only the running sum was kept in 16 bits. Once
// the sum is large, the step between neighbouring 16-bit values is comparable to one loss, or
// larger, and each addition is rounded by up to half of it: the Half sum ends at 14760 instead of
// 15401.3 (its step there is 8), so the mean is 3.6035 instead of 3.7601. The bfloat16 sum stalls
// at 1808, where its step is 8 too and truncation drops every loss smaller than that. Reductions
// are exactly what mixed-precision training keeps in float32.
//
// **The fix: logits may be 16-bit, the loss is float32.** This is what PyTorch's autocast does:
// matrix products run in Half or bfloat16, but `log_softmax`, `cross_entropy` and reductions are on
// its list of operations that run in float32. The logits arrive in 16 bits (their rounding is part
// of the model), are widened to float, and the library's stable float loss does the rest:

Notebook.Cell(57);
Half[] halfLogits = batchLogits.Select(v => (Half)v).ToArray();            // what a Half matrix product hands over
float[] widened = halfLogits.Select(h => (float)h).ToArray();
double reference = Losses.CrossEntropy<double>(widened.Select(v => (double)v).ToArray(), batchClasses, batchTargets);
float inFloat = Losses.CrossEntropy<float>(widened, batchClasses, batchTargets);
double allHalf = inHalf(Enumerable.Range(0, batchRows)
    .Aggregate(0.0, (sum, r) => inHalf(sum + LossIn(inHalf, widened.Skip(r * batchClasses).Take(batchClasses).Select(v => (double)v).ToArray(), batchTargets[r], true))) / batchRows);
Console.WriteLine($"Half logits, loss in double:  {reference:F6}");
Console.WriteLine($"Half logits, loss in float32: {inFloat:F6} (relative error {Math.Abs(inFloat - reference) / reference:E1})");
Console.WriteLine($"Half logits, loss in Half:    {allHalf:F6} (relative error {Math.Abs(allHalf - reference) / reference:E1})");
Console.WriteLine($"the confident row [10, 0, 0] in float32: {Losses.CrossEntropy<float>([10f, 0f, 0f], 3, [0]):E4}");

// **Loss scaling: gradients below Half's range.** The forward pass is fixed; the backward pass has
// the opposite problem. A well-trained model's gradients are tiny: for a confident row, $q_i - p_i$
// is $e^{-12}$ or less, and the mean divides by the batch size again. Below Half's smallest normal
// number, 6.104·10⁻⁵ (printed above), its subnormals lose one bit per halving until they reach 0,
// so such gradients lose their digits or become exactly 0, and the weights stop learning. The
// remedy (Micikevicius et al. 2018) multiplies the **loss** by a factor S before the backward pass,
// so every gradient is S times larger while it is stored in Half, and divides the float32 weight
// update by S. Too large an S overflows the largest gradients to ∞ instead; dynamic loss scaling
// (PyTorch's `GradScaler`) then skips that step and halves S.
//
// A batch of 512 rows of 1,000 classes: 95 % of rows confident and right (the target's logit 12
// above the others), 5 % wrong; the float32 gradient from `Losses.CrossEntropyGradient`, then
// stored in Half at several scales:

Notebook.Cell(59);
var scalingRandom = new Random(2);
const int scaleRows = 512, scaleClasses = 1000;
int[] scaleTargets = Enumerable.Range(0, scaleRows).Select(_ => scalingRandom.Next(scaleClasses)).ToArray();
float[] scaleLogits = new float[scaleRows * scaleClasses];
for (int r = 0; r < scaleRows; r++)
{
    bool wrong = r % 20 == 0;
    for (int c = 0; c < scaleClasses; c++)
    {
        scaleLogits[r * scaleClasses + c] = (float)Normal(scalingRandom) + (c == scaleTargets[r] ? (wrong ? -2 : 12) : 0);
    }
}

float[] floatGradient = new float[scaleLogits.Length];
Losses.CrossEntropyGradient<float>(scaleLogits, scaleClasses, scaleTargets, floatGradient);
float[] nonZero = floatGradient.Where(g => g != 0).ToArray();

// Store S·g in Half, divide by S in float: how many entries vanish, overflow, and (optionally) how far the rest moved.
(double Lost, double Overflowed, double MedianError) StoreInHalf(double scale, bool withError = false)
{
    int lost = 0, overflowed = 0, kept = 0;
    var errors = new double[nonZero.Length];
    foreach (float g in nonZero)
    {
        Half h = (Half)(g * scale);
        if (h == Half.Zero) lost++;
        else if (Half.IsInfinity(h)) overflowed++;
        else if (withError) errors[kept++] = Math.Abs((double)h / scale - g) / Math.Abs(g);
    }

    Array.Sort(errors, 0, kept);
    return ((double)lost / nonZero.Length, (double)overflowed / nonZero.Length, kept == 0 ? double.NaN : errors[kept / 2]);
}

Console.WriteLine($"gradient entries that are not 0 in float32: {nonZero.Length:N0}");
Console.WriteLine($"largest |g| {nonZero.Max(Math.Abs):E3}, smallest {nonZero.Min(Math.Abs):E3}");
foreach (int power in new[] { 0, 8, 16, 24, 32 })
{
    var (lost, overflowed, median) = StoreInHalf(Math.Pow(2, power), withError: true);
    Console.WriteLine($"S = 2^{power,-2}: flushed to 0 {lost,7:P2}, overflowed {overflowed,6:P2}, median error of the rest {median:E1}");
}

Notebook.Cell(60);
double[] scaleAxis = Enumerable.Range(0, 21).Select(i => Math.Pow(2, 2 * i)).ToArray();
var stored = scaleAxis.Select(s => StoreInHalf(s)).ToArray();
Display.Show(Chart.Combine(new[] {
        ChartStyle.Line(scaleAxis, stored.Select(s => 100 * s.Lost), "flushed to 0", colour: 0, markers: true),   // markers stay visible where both are 0
        ChartStyle.Line(scaleAxis, stored.Select(s => 100 * s.Overflowed), "overflowed to ∞", colour: 3, dash: DrawingStyle.Dash) })
    .Styled("Gradient entries lost when stored in Half, against the loss scale", "loss scale S (log scale)", "share of non-zero gradient entries (%)", logX: true));

// Without scaling, 69.89 % of the non-zero gradient entries become 0 in Half and the survivors,
// mostly subnormal, are off by 1.6·10⁻¹ (median). At S = 2⁸ only 0.03 % are lost, and from S = 2¹⁶
// none, with the median error down to Half's own rounding (1.7·10⁻⁴). At S = 2³² the largest
// entries (|g| up to 1.953·10⁻³) exceed 65504 once scaled, and 0.09 % overflow. The chart shows the
// window in between: dynamic loss scaling finds it by itself, starting high, halving S on every
// overflow and doubling it after a run of good steps. bfloat16 has float's range, so it is usually
// trained without loss scaling, and pays for that with 3 fewer bits than Half.

// ## Exercises
//
// The inputs of the exercises are properties of `Exercises08`; the cell below prints them.

Notebook.Cell(63);
Console.WriteLine($"Exercise 8.1: logits, one row of {Exercises08.Classes} per example, and labels:");
foreach (var (row, label) in Exercises08.ValidationLogits.Chunk(Exercises08.Classes).Zip(Exercises08.ValidationLabels))
{
    Console.WriteLine($"    [{string.Join(", ", row)}] → class {label}");
}
Console.WriteLine($"Exercise 8.2: logit {Exercises08.FocalLogit}, target {Exercises08.FocalTarget}, α = {Exercises08.FocalAlpha}, γ = {Exercises08.FocalGamma}");
Console.WriteLine($"Exercise 8.3: teacher [{string.Join(", ", Exercises08.TeacherLogits)}], student [{string.Join(", ", Exercises08.StudentLogits)}], T = {Exercises08.DistillationTemperature}");

// ### Exercise 8.1: the temperature of a small validation set
//
// Six validation rows of three logits each (`Exercises08.ValidationLogits`, row-major) with their
// labels (`Exercises08.ValidationLabels`). Find the temperature T > 0 that minimises their mean
// cross-entropy $\frac{1}{6}\sum_n -\log \mathrm{softmax}(z_n / T)_{y_n}$, **to 4 significant
// digits**. Any method will do: a grid refined around its minimum, golden-section search, or
// bisection on the slope as in section 2.

Notebook.Cell(65);
double bestT = double.NaN; // your answer
// BEGIN SOLUTION
double[] exerciseLogits = [.. Exercises08.ValidationLogits];
int[] exerciseLabels = [.. Exercises08.ValidationLabels];
double ExerciseNll(double t) => Losses.CrossEntropy<double>(exerciseLogits.Select(v => v / t).ToArray(), Exercises08.Classes, exerciseLabels);
double a = 0.05, b = 50, golden = (Math.Sqrt(5) - 1) / 2;
for (int i = 0; i < 100; i++)
{
    double c = b - golden * (b - a), d = a + golden * (b - a);
    if (ExerciseNll(c) < ExerciseNll(d)) b = d; else a = c;
}
bestT = (a + b) / 2;
// END SOLUTION
Display.Show(Exercises08.Temperature(bestT));

// ### Exercise 8.2: one focal loss by hand
//
// One example with logit x = `Exercises08.FocalLogit` = 0.4 and target t = 0 (a negative), α = 0.25
// and γ = 2 (torchvision's defaults). Compute its sigmoid focal loss $\alpha_t (1 - p_t)^\gamma
// (-\ln p_t)$ in nats, by hand or with `Math` only (not `Losses.SigmoidFocalLoss`), **to 4
// significant digits**.

Notebook.Cell(67);
double focalByHand = double.NaN; // your answer
// BEGIN SOLUTION
double pPositive = 1 / (1 + Math.Exp(-Exercises08.FocalLogit));
double pTrue = 1 - pPositive;                                  // the target is 0
focalByHand = (1 - Exercises08.FocalAlpha) * Math.Pow(1 - pTrue, Exercises08.FocalGamma) * -Math.Log(pTrue);
// END SOLUTION
Display.Show(Exercises08.FocalLoss(focalByHand));

// ### Exercise 8.3: a distillation loss at T = 2
//
// The teacher's logits are `Exercises08.TeacherLogits` = [3, 1, −1] and the student's
// `Exercises08.StudentLogits` = [1, 0.5, 0]. Compute the soft distillation loss
// $T^2\,\mathrm{KL}(p_T \,\|\, q_T)$ at T = 2, in nats, **to 4 significant digits**.

Notebook.Cell(69);
double distillation = double.NaN; // your answer
// BEGIN SOLUTION
double tau = Exercises08.DistillationTemperature;
double[] pSoft = StableMath.Softmax<double>([.. Exercises08.TeacherLogits], tau);
double[] qSoft = StableMath.Softmax<double>([.. Exercises08.StudentLogits], tau);
distillation = tau * tau * Information.KLDivergence(pSoft, qSoft);
// END SOLUTION
Display.Show(Exercises08.DistillationLoss(distillation));

// ### Exercise 8.4: the largest logit Half can exponentiate
//
// Find the largest `Half` value x for which `(Half)Math.Exp((double)x)` is finite. The answer is
// one exact Half, checked bit for bit. Section 5 showed that it lies between 11 and 12; the Half
// values there are 2⁻⁷ apart.

Notebook.Cell(71);
Half largestHalf = Half.NaN; // your answer
// BEGIN SOLUTION
largestHalf = (Half)11;
while (Half.IsFinite((Half)Math.Exp((double)Half.BitIncrement(largestHalf))))
{
    largestHalf = Half.BitIncrement(largestHalf);
}
// END SOLUTION
Display.Show(Exercises08.HalfThreshold(largestHalf));

// ## Summary
//
// - **Cross-entropy, not squared error.** The squared error's gradient carries σ′(z) = p(1 − p),
//   which vanishes on a confidently wrong prediction; cross-entropy's is p − y. From the same wrong
//   start, cross-entropy reached 92.0 % training accuracy in 10 steps, squared error was at 10.5 %
//   after 100.
// - **Calibration.** A model right 70.7 % of the time claimed 94.5 % confidence (ECE 0.2386, test
//   NLL 2.5857 nats). NLL is a strictly proper scoring rule; ECE depends on its bins (0.0233 to
//   0.0528 for the same predictions) and rewards a useless but calibrated model. Temperature
//   scaling, one T = 10.81 fitted on validation data by a convex 1-D minimisation, brought the test
//   NLL to 0.6206 and ECE to 0.0323 without changing a single prediction.
// - **Focal loss** multiplies cross-entropy by $(1 - p_t)^\gamma$: γ = 2 keeps 0.0100 of an easy
//   example's loss and 0.8100 of a hard one's. On imbalanced data it and `pos_weight` mostly move
//   the operating threshold (precision at 80 % recall 27.9 % and 28.2 %, plain cross-entropy 27.9
//   %) and both give up calibration.
// - **Distillation** trains on T²·KL(p_T ‖ q_T); the T² keeps the gradient's size as T grows. A
//   student that never saw class B learned it from soft targets (79.6 % on B, against 0.0 % from
//   hard labels).
// - **Mixed precision.** Half has 11 significant bits and overflows e^x before x = 12; bfloat16 has
//   float's range and 8 bits (.NET 10 has no type for it; emulated here by truncation). A loss
//   computed in 16 bits returns 0 for a confident row and a biased batch mean; the fix is the loss
//   and its reductions in float32 from 16-bit logits (relative error 2.7·10⁻⁸). Loss scaling keeps
//   small gradients out of Half's underflow: 69.89 % of them were lost without it, none at S = 2¹⁶.
//
// ## References
//
// - C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger, [On Calibration of Modern Neural
//   Networks](https://arxiv.org/abs/1706.04599), ICML 2017: reliability diagrams, ECE, temperature
//   scaling.
// - T. Gneiting, A. E. Raftery, [Strictly Proper Scoring Rules, Prediction, and
//   Estimation](https://doi.org/10.1198/016214506000001437), JASA 2007.
// - T.-Y. Lin, P. Goyal, R. Girshick, K. He, P. Dollár, [Focal Loss for Dense Object
//   Detection](https://arxiv.org/abs/1708.02002), ICCV 2017; torchvision's
//   [`sigmoid_focal_loss`](https://pytorch.org/vision/main/generated/torchvision.ops.sigmoid_focal_loss.html).
// - G. Hinton, O. Vinyals, J. Dean, [Distilling the Knowledge in a Neural
//   Network](https://arxiv.org/abs/1503.02531), 2015.
// - P. Micikevicius et al., [Mixed Precision Training](https://arxiv.org/abs/1710.03740), ICLR
//   2018: loss scaling; PyTorch's [automatic mixed
//   precision](https://pytorch.org/docs/stable/amp.html) (autocast's float32 operations,
//   `GradScaler`).
// - D. Kalamkar et al., [A Study of BFLOAT16 for Deep Learning
//   Training](https://arxiv.org/abs/1905.12322), 2019.
//
// --- **Previous:** [7. Large vocabularies](07-large-vocabularies.ipynb) · **Next:** back to the
// [course map](00-start-here.ipynb)
