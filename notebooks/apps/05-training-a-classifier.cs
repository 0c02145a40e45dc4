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

// The kernel-free edition of ../05-training-a-classifier.ipynb ("5. Cross-entropy at work: training a classifier"), as a .NET file-based app:
// `dotnet run 05-training-a-classifier.cs` in this folder. Text outputs print as in the notebook; each chart is written
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
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using Normal = MathNet.Numerics.Distributions.Normal;

Notebook.Start("../05-training-a-classifier.ipynb");

// # 5. Cross-entropy at work: training a classifier
//
// The previous notebooks defined cross-entropy, took it apart and made it numerically safe. This
// one puts it to work: we train a small classifier by gradient descent, with cross-entropy as the
// loss, and watch what the loss does.
//
// **What you will learn**
//
// - why *maximum likelihood* for a softmax classifier is the same thing as minimising the mean
//   cross-entropy between one-hot targets and the model's predictions;
// - the gradient of that loss with respect to the logits, *softmax minus one-hot*, and how the
//   chain rule carries it to the weights, $\partial L / \partial W = X^\top G$ derived step by step
//   — checked against a finite difference;
// - how to train softmax regression with plain gradient descent, read its loss curve, and draw its
//   decision boundary;
// - why the training loss here can approach 0 at best, and why with label smoothing its floor is
//   H(smoothed target) > 0 (notebook 2: the minimum of H(p, q) is H(p)), a floor that a linear
//   model cannot reach even on perfectly separated data;
// - what *class weights* do: PyTorch's weighted mean $\sum w_y l / \sum w_y$, and a rare class's
//   recall going up;
// - what *label smoothing* does: lower confidence and smaller logits.
//
// The first cell loads a few pinned NuGet packages and the course library from `../lib/`. In the
// repository, build the library once before running it (the README's *Reading the notebooks* gives
// the command); the student hand-out ships it already built.

// (notebook only) #r "nuget: Plotly.NET.Interactive, 6.0.0"
// (notebook only) #r "nuget: Plotly.NET.CSharp, 0.14.0"
// (notebook only) #r "nuget: MathNet.Numerics, 5.0.0"
// (notebook only) #r "nuget: System.Numerics.Tensors, 10.0.15"
// (notebook only) #r "../lib/CrossEntropy.Numerics/bin/Release/net10.0/CrossEntropy.Numerics.dll"
// (notebook only) #r "../lib/CrossEntropy.Interactive/bin/Release/net10.0/CrossEntropy.Interactive.dll"
// (notebook only) CrossEntropy.Interactive.KernelSetup.Install(); // FSharp.Core workaround for Plotly.NET + HTML views; see the README


// ## The data: three clouds of points, one of them rare
//
// A classifier learns from labelled examples. We draw points in the plane from three Gaussian
// blobs, classes A, B and C, with a seeded random generator (MathNet's Mersenne Twister), so every
// run sees the same data. Class C is deliberately rare; that will matter when we come to class
// weights.

Notebook.Cell(5);
MathNet.Numerics.Control.UseSingleThread();            // our matrices are tiny: MathNet's parallel loops would cost more than they save

const int C = 3;                                       // number of classes
string[] classNames = ["A", "B", "C"];
int[] counts = [200, 80, 20];
double[][] centres = [[-1.5, -0.5], [1.5, -0.5], [0.0, 1.5]];
var noise = new Normal(0, 0.7, new MersenneTwister(1));
int[] y = Enumerable.Range(0, C).SelectMany(c => Enumerable.Repeat(c, counts[c])).ToArray();
int N = y.Length;
Matrix<double> X = Matrix<double>.Build.Dense(N, 2, (n, j) => centres[y[n]][j] + noise.Sample()); // N × 2
Console.WriteLine($"N = {N} points: " + string.Join(", ", classNames.Select((name, c) => $"{counts[c]} of class {name}")));

// A helper that draws the points, one colour per class, from the colour-blind-safe palette every
// chart of the tutorial uses. It is used again for the decision boundaries. Coordinates are rounded
// to three decimals in the chart only, so the chart's text is the same on every machine.

Notebook.Cell(7);
Plotly.NET.Color[] classColours = Enumerable.Range(0, C).Select(ChartStyle.Colour).ToArray();   // Okabe–Ito: blue, orange, green

Plotly.NET.GenericChart[] ClassScatter() =>
    Enumerable.Range(0, C).Select(c =>
    {
        int[] rows = Enumerable.Range(0, N).Where(n => y[n] == c).ToArray();
        return Chart.Point<double, double, string>(
            x: rows.Select(n => Math.Round(X[n, 0], 3)), y: rows.Select(n => Math.Round(X[n, 1], 3)),
            Name: $"class {classNames[c]}", MarkerColor: classColours[c]);
    }).ToArray();

Notebook.Cell(8);
Display.Show(Chart.Combine(ClassScatter())
    .Styled("The training data: three Gaussian clouds, class C rare", "feature x₁ (no unit)", "feature x₂ (no unit)"));

// ## The model: softmax regression
//
// Each point $x_n = (x_{n1}, x_{n2})$ gets one score per class, its **logits**, from a weight
// matrix W (2 × 3) and a bias vector b (3):
//
// $$z_n = x_n W + b, \qquad \text{for the whole data set: } Z = XW + \mathbf{1}b^\top \quad (N \times 3).$$
//
// Softmax turns the scores into a predicted distribution over the classes, $q_n =
// \mathrm{softmax}(z_n)$, and the predicted class is the one with the largest logit. Nine numbers
// are the whole model. With two classes this is logistic regression: the softmax of two logits is
// the sigmoid of their difference.
//
// Two helpers: the logits as a flat row-major N × 3 array (the layout the library's batch functions
// take), and the predicted class of each row.

Notebook.Cell(10);
double[] Logits(Matrix<double> points, Matrix<double> W, Vector<double> b) =>
    (points * W).MapIndexed((n, c, z) => z + b[c]).ToRowMajorArray();

int[] Predict(double[] logits) => logits.Chunk(C).Select(row => Array.IndexOf(row, row.Max())).ToArray();

// ## Maximum likelihood is cross-entropy
//
// How good are some parameters W, b? The model gives the observed label $y_n$ the probability
// $q_{n,y_n}$. Assume the labels are **independent given the inputs**: each $y_n$ depends only on
// its own $x_n$, as when the pairs $(x_n, y_n)$ are drawn independently. Then the probability of
// all the observed labels together — the **likelihood** — is the product, and *maximum likelihood
// estimation* (MLE) picks the parameters that make it largest:
//
// $$\mathcal{L}(W, b) = \prod_{n=1}^{N} q_{n, y_n}.$$
//
// Taking −log and dividing by N changes nothing about where the maximum is, but turns the product
// into a mean, the **negative log-likelihood**:
//
// $$-\frac{1}{N}\log \mathcal{L} = \frac{1}{N}\sum_{n=1}^{N} -\log q_{n,y_n} = \frac{1}{N}\sum_{n=1}^{N} H(e_{y_n}, q_n),$$
//
// where $e_y$ is the one-hot vector of class y: in $H(e_y, q) = -\sum_c e_{y,c} \log q_c$ only the
// term $c = y$ survives. Maximising the likelihood *is* minimising the mean cross-entropy between
// the one-hot targets and the predictions. Check it for a random guess of the parameters: $-\log
// q_{n,y_n}$ from `StableMath.LogSoftmaxRows`, averaged, against `Losses.CrossEntropy`.

Notebook.Cell(12);
Matrix<double> guessW = Matrix<double>.Build.Random(2, C, new Normal(0, 0.5, new MersenneTwister(2)));
Vector<double> guessB = Vector<double>.Build.Dense(C);         // b = 0
double[] guessLogits = Logits(X, guessW, guessB);
double[] logQ = new double[N * C];
StableMath.LogSoftmaxRows<double>(guessLogits, C, logQ);
double nll = -Enumerable.Range(0, N).Average(n => logQ[n * C + y[n]]);
Console.WriteLine($"mean of -log q[n, y_n]: {nll:F6}");
Console.WriteLine($"Losses.CrossEntropy:    {Losses.CrossEntropy<double>(guessLogits, C, y):F6}");

// Row by row, $-\log q_{n,y_n}$ is the cross-entropy $H(e_{y_n}, q_n)$ of notebook 2. For the first
// point:

Notebook.Cell(14);
double[] q0 = StableMath.Softmax<double>(guessLogits.AsSpan(0, C));
double[] e0 = Enumerable.Range(0, C).Select(c => c == y[0] ? 1.0 : 0.0).ToArray();
Console.WriteLine($"-log q[0, y_0] = {-logQ[y[0]]:F6}");
Console.WriteLine($"H(e_y0, q_0)   = {Information.CrossEntropy(e0, q0):F6}");

// The likelihood itself is a product of hundreds of numbers below 1: for this guess it is
// `1.008E-216`, which is exp(−N·L) as it must be. For ten times as many points of the same fit it
// would underflow to 0 — one more reason, beside those of notebook 4, to work with
// log-probabilities.

Notebook.Cell(16);
double likelihood = Enumerable.Range(0, N).Aggregate(1.0, (product, n) => product * Math.Exp(logQ[n * C + y[n]]));
Console.WriteLine($"product of q[n, y_n]: {likelihood:E3}");
Console.WriteLine($"exp(-N * loss):       {Math.Exp(-N * nll):E3}");
Console.WriteLine($"exp(-10 N * loss):    {Math.Exp(-10 * N * nll):E3}");

// ## The gradient: softmax minus one-hot
//
// To lower the loss we need its gradient. Per point, the derivative of $H(e_y,
// \mathrm{softmax}(z))$ with respect to the logits is the famous *softmax minus one-hot* (notebook
// 3 derived it as q − p for one example); for the mean over N points each row is divided by N:
//
// $$\frac{\partial L}{\partial z_{n,c}} = \frac{q_{n,c} - [c = y_n]}{N}.$$
//
// `Losses.CrossEntropyGradient` writes exactly this N × 3 array. Its first row, times N, is $q_0 -
// e_{y_0}$:

Notebook.Cell(18);
double[] gradZ = new double[N * C];
Losses.CrossEntropyGradient<double>(guessLogits, C, y, gradZ);
Console.WriteLine($"N * gradient row 0: [{string.Join(", ", gradZ.Take(C).Select(g => (N * g).ToString("F4")))}]");
Console.WriteLine($"q_0 - e_y0:         [{string.Join(", ", q0.Zip(e0, (q, e) => (q - e).ToString("F4")))}]");

// The chain rule (notebook 3) carries this gradient to the parameters. Call it G = ∂L/∂Z: the N × 3
// array above, whose row n is $(q_n - e_{y_n}) / N$. Write one logit out in full:
//
// $$z_{n,c} = \sum_{j} x_{n,j} W_{j,c} + b_c .$$
//
// 1. A weight $W_{j,k}$ appears only in the logits of class k, once per point, multiplied by
//    $x_{n,j}$: $\partial z_{n,c} / \partial W_{j,k} = x_{n,j}$ when c = k, and 0 otherwise.
// 2. The loss depends on $W_{j,k}$ through all N · 3 logits. The chain rule sums over them, and
//    only the terms with c = k survive:
//    $$\frac{\partial L}{\partial W_{j,k}} = \sum_{n}\sum_{c} \frac{\partial L}{\partial z_{n,c}}\,\frac{\partial z_{n,c}}{\partial W_{j,k}} = \sum_n G_{n,k}\, x_{n,j} = \sum_n (X^\top)_{j,n}\, G_{n,k} .$$
// 3. The last sum is entry (j, k) of the matrix product $X^\top G$: row j of $X^\top$ (feature j of
//    every point) times column k of G.
// 4. The bias enters every logit of its class with coefficient 1, $\partial z_{n,c} / \partial b_k
//    = [c = k]$, so $\partial L / \partial b_k = \sum_n G_{n,k}$.
//
// Together:
//
// $$\frac{\partial L}{\partial W} = X^\top G \quad (2 \times N \text{ times } N \times 3 = 2 \times 3,\ \text{the shape of } W), \qquad \frac{\partial L}{\partial b} = \sum_{n} G_{n,\cdot} \quad \text{(the column sums of } G).$$
//
// Two helpers, the loss and its gradient for any parameters and any `CrossEntropyOptions` (we will
// need weights and smoothing later):

Notebook.Cell(20);
double Loss(Matrix<double> W, Vector<double> b, CrossEntropyOptions options) =>
    Losses.CrossEntropy<double>(Logits(X, W, b), C, y, Reduction.Mean, options);

(Matrix<double> dW, Vector<double> db) Gradient(Matrix<double> W, Vector<double> b, CrossEntropyOptions options)
{
    double[] g = new double[N * C];
    Losses.CrossEntropyGradient<double>(Logits(X, W, b), C, y, g, Reduction.Mean, options);
    Matrix<double> G = Matrix<double>.Build.DenseOfRowMajor(N, C, g);   // ∂L/∂Z
    return (X.TransposeThisAndMultiply(G), G.ColumnSums());               // Xᵀ·G and Σ_n G_n
}

// A gradient formula is easy to get subtly wrong, so check one entry against a **central finite
// difference** (L(W + hE) − L(W − hE)) / 2h, where E is 1 at one entry of W and 0 elsewhere. Its
// error shrinks like h².

Notebook.Cell(22);
const double h = 1e-5;
var (dW, db) = Gradient(guessW, guessB, CrossEntropyOptions.Default);
Matrix<double> E = Matrix<double>.Build.Dense(2, C);
E[1, 2] = 1;
double numeric = (Loss(guessW + h * E, guessB, CrossEntropyOptions.Default) - Loss(guessW - h * E, guessB, CrossEntropyOptions.Default)) / (2 * h);
Console.WriteLine($"h = {h:G}");
Console.WriteLine($"chain rule  dL/dW[1,2] = {dW[1, 2]:F6}");
Console.WriteLine($"finite diff dL/dW[1,2] = {numeric:F6}");
Console.WriteLine($"they agree to within 1e-8: {Math.Abs(dW[1, 2] - numeric) < 1e-8}");

// ## Training by gradient descent
//
// Gradient descent repeats one step: move the parameters a little against the gradient,
//
// $$W \leftarrow W - \eta\, \frac{\partial L}{\partial W}, \qquad b \leftarrow b - \eta\, \frac{\partial L}{\partial b},$$
//
// with a fixed learning rate η. We start from W = 0, b = 0: every logit is 0, every prediction
// uniform, so the starting loss is $H(e_y, \text{uniform})$ = ln 3. Helpers for training and for
// scoring the result:

Notebook.Cell(24);
Run Train(CrossEntropyOptions options, int steps, double learningRate)
{
    var W = Matrix<double>.Build.Dense(2, C);
    var b = Vector<double>.Build.Dense(C);
    var curve = new double[steps + 1];                 // the loss before each step, and after the last
    for (int step = 0; step < steps; step++)
    {
        curve[step] = Loss(W, b, options);
        var (gW, gB) = Gradient(W, b, options);
        W -= learningRate * gW;
        b -= learningRate * gB;
    }
    curve[steps] = Loss(W, b, options);
    return new Run(W, b, curve);
}

int[] PredictRun(Run run) => Predict(Logits(X, run.W, run.B));
double Accuracy(int[] predicted) => Enumerable.Range(0, N).Count(n => predicted[n] == y[n]) / (double)N;
double[] Recall(int[] predicted) =>                     // per class: the share of its points predicted correctly
    Enumerable.Range(0, C).Select(c => Enumerable.Range(0, N).Count(n => y[n] == c && predicted[n] == c) / (double)counts[c]).ToArray();
void PrintCurve(double[] curve, int every) =>
    Console.WriteLine(string.Join("\n", Enumerable.Range(0, curve.Length).Where(s => s % every == 0).Select(s => $"step {s,3}: loss {curve[s]:F4}")));

// Train with the plain loss (no options):

Notebook.Cell(26);
const int steps = 300;
const double learningRate = 0.5;
var plain = Train(CrossEntropyOptions.Default, steps, learningRate);
Console.WriteLine($"{steps} steps, learning rate {learningRate}; ln 3 = {Math.Log(3):F4}");
PrintCurve(plain.LossCurve, 50);
Console.WriteLine($"training accuracy: {Accuracy(PredictRun(plain)):F3}");

// The loss starts at ln 3 = 1.0986, has fallen to 0.1224 by step 50, and then creeps down slowly,
// to 0.0805 at step 300. The model classifies 0.973 of the training points correctly. The loss
// curve:

Notebook.Cell(28);
double[] stepAxis = Enumerable.Range(0, steps + 1).Select(s => (double)s).ToArray();
Display.Show(ChartStyle.Line(stepAxis, plain.LossCurve.Select(l => Math.Round(l, 6)), "training loss", colour: 0)
    .Styled("Training loss of the plain model", "gradient-descent step", "mean cross-entropy (nats)"));

// **How low can it go?** Notebook 2 showed that $H(p, q) = H(p) + D_{\mathrm{KL}}(p \Vert q) \ge
// H(p)$: the minimum of a cross-entropy is the entropy of the target, not 0. Here the targets are
// one-hot and $H(e_y)$ = 0, so 0 is the floor — and only because of that. The loss could reach 0
// only if every $q_{n,y_n}$ = 1, which takes perfectly separated classes and infinitely large
// logits. Our classes overlap: the Gaussian clouds have tails, and a few points lie among another
// class's points, where no straight boundary can put them on their own side. (An accuracy below 1
// alone would not prove that: classes can be separable by a curve but not by straight lines, or
// training may simply be unfinished.) So the best this model can reach is some value above 0, and
// the curve is still creeping towards it.
//
// ## The decision boundary
//
// Where does the trained model put each class? Predict the class at every point of a grid and
// colour the plane, with the data on top. A helper, used again for the weighted model:

Notebook.Cell(30);
Plotly.NET.GenericChart BoundaryChart(Run run, string title)
{
    double[] gx = Enumerable.Range(0, 81).Select(i => -4.0 + i / 10.0).ToArray();    // x₁ from -4 to 4
    double[] gy = Enumerable.Range(0, 71).Select(j => -3.0 + j / 10.0).ToArray();    // x₂ from -3 to 4
    Matrix<double> grid = Matrix<double>.Build.Dense(gx.Length * gy.Length, 2, (k, d) => d == 0 ? gx[k % gx.Length] : gy[k / gx.Length]);
    double[] cls = Predict(Logits(grid, run.W, run.B)).Select(c => (double)c).ToArray();
    double[][] z = cls.Chunk(gx.Length).ToArray();                                     // one row per x₂ value
    var colourScale = Plotly.NET.StyleParam.Colorscale.NewCustom(new[] {
        Tuple.Create(0.0, classColours[0]), Tuple.Create(1 / 3.0, classColours[0]), Tuple.Create(1 / 3.0, classColours[1]),
        Tuple.Create(2 / 3.0, classColours[1]), Tuple.Create(2 / 3.0, classColours[2]), Tuple.Create(1.0, classColours[2]) });
    var regions = Chart.Heatmap<double, double, double, string>(zData: z, X: gx, Y: gy, Name: "predicted class",
        ColorScale: colourScale, ShowScale: false, Opacity: 0.3);
    return Chart.Combine(ClassScatter().Prepend(regions))
        .Styled(title, "feature x₁ (no unit)", "feature x₂ (no unit)");
}

Notebook.Cell(31);
Display.Show(BoundaryChart(plain, "Decision regions of the plain model (shaded) and the training points"));

// The boundaries are straight lines: between classes i and j the model is undecided where $z_i =
// z_j$, and that is a linear equation in x. The rare class C is not squeezed into a narrow wedge:
// it gets the whole upper part of the plane, a wide sector above two boundary lines that meet
// between the three clouds. But those lines sit close to C's cloud, so its points nearest the other
// clouds fall on the wrong side.
//
// ## Class weights
//
// An accuracy of 0.973 hides how the rare class fares. The **recall** of a class is the share of
// its points the model classifies correctly:

Notebook.Cell(33);
double[] plainRecall = Recall(PredictRun(plain));
Console.WriteLine(string.Join("\n", Enumerable.Range(0, C).Select(c => $"recall of class {classNames[c]}: {plainRecall[c]:F3} ({plainRecall[c] * counts[c]:F0} of {counts[c]})")));

// Class C's recall is only 0.750: 15 of its 20 points. The loss is a mean over points, so a class
// with few points has little say in it: a point of C costs as much as a point of A, and there are
// ten times fewer of them. **Class weights** change the price. With a weight $w_c$ per class,
// PyTorch's `cross_entropy(..., weight=w)` (and `Losses.CrossEntropy` with `CrossEntropyOptions {
// Weight = w }`) uses
//
// $$l_n = w_{y_n} \cdot \left(-\log q_{n,y_n}\right), \qquad L = \frac{\sum_n l_n}{\sum_n w_{y_n}},$$
//
// a *weighted mean*: it divides by the total weight of the targets, not by N. With the inverse
// class frequency $w_c = 1 / n_c$, the total weight $\sum_n w_{y_n}$ is the number of classes (3),
// and L becomes the average over classes of each class's mean loss — every class counts the same,
// however many points it has. Checked on the plain model:

Notebook.Cell(35);
double[] w = counts.Select(n => 1.0 / n).ToArray();                    // inverse class frequency
var weighted = new CrossEntropyOptions { Weight = w };
double[] plainLogits = Logits(X, plain.W, plain.B);
double[] weightedLosses = new double[N], plainLosses = new double[N];
Losses.CrossEntropy<double>(plainLogits, C, y, weightedLosses, weighted);    // reduction 'none': l_n = w[y_n]·(-log q[n, y_n])
Losses.CrossEntropy<double>(plainLogits, C, y, plainLosses);                  // without weights
double totalWeight = y.Sum(t => w[t]);
double classAverage = Enumerable.Range(0, C).Average(c => Enumerable.Range(0, N).Where(n => y[n] == c).Average(n => plainLosses[n]));
Console.WriteLine($"Losses.CrossEntropy, weighted mean:       {Losses.CrossEntropy<double>(plainLogits, C, y, Reduction.Mean, weighted):F4}");
Console.WriteLine($"sum of w_y l_n / sum of w_y:              {weightedLosses.Sum() / totalWeight:F4}   (sum of w_y = {totalWeight:F4})");
Console.WriteLine($"average over classes of the class mean:   {classAverage:F4}");
Console.WriteLine($"sum of w_y l_n / N (not PyTorch's mean):  {weightedLosses.Sum() / N:F4}");

// The last line shows that the denominator matters: divided by N, the weighted losses give 0.0020
// instead of 0.1954, a number that says as much about the size of the weights as about the losses.
// Exercise 5.1 asks which of the two reductions depends on that size.
//
// Now train with the weights, same steps and learning rate, and compare recall class by class:

Notebook.Cell(37);
var weightedRun = Train(weighted, steps, learningRate);
double[] weightedRecall = Recall(PredictRun(weightedRun));
Display.Show(new TableView(["class", "points", "recall, plain", "recall, weighted"],
    Enumerable.Range(0, C).Select(c => new object[] { classNames[c], counts[c], plainRecall[c], weightedRecall[c] }).ToArray(),
    Digits: 3, Title: "per-class recall on the training set"));

Notebook.Cell(38);
Console.WriteLine($"accuracy: plain {Accuracy(PredictRun(plain)):F3}, weighted {Accuracy(PredictRun(weightedRun)):F3}");

// The rare class's recall rises from 0.750 to 0.950, paid for with some of the large class's (0.995
// down to 0.945), and the accuracy drops from 0.973 to 0.947: weights do not make a model better,
// they change what "better" means. The boundaries move into the large class's territory:

Notebook.Cell(40);
Display.Show(BoundaryChart(weightedRun, "Decision regions with class weights 1 / n_c"));

// ## Label smoothing
//
// A one-hot target asks the model to be *certain*: $q_{n,y_n} \to 1$, which needs logits growing
// without bound. **Label smoothing** replaces each one-hot target by a mix with the uniform
// distribution,
//
// $$t = (1 - \varepsilon)\, e_y + \frac{\varepsilon}{C},$$
//
// and the loss becomes $H(t_n, q_n)$. (With class indices PyTorch and the library compute it as $(1
// - \varepsilon)\cdot(-\log q_{n,y_n}) + (\varepsilon / C)\cdot\sum_c (-\log q_{n,c})$, which is
// the same thing.) Now the target has entropy, and by Gibbs' inequality the loss can never go below
// it:

Notebook.Cell(42);
const double epsilon = 0.1;
double[] t = [1 - epsilon + epsilon / C, epsilon / C, epsilon / C];   // the smoothed target of a class-A point
double floor = Information.Entropy(t);
Console.WriteLine($"epsilon = {epsilon}: t = [1 − ε + ε/C, ε/C, ε/C], H(t) = {floor:F4} nats");

// The floor is reached exactly by a model that predicts $q_n = t_n$ for every point, that is logits
// log t (up to a constant). Its logit gap, between the true class and the others, is $\ln(t_y /
// t_{\text{other}})$ — finite, unlike the infinite gap one-hot targets ask for:

Notebook.Cell(44);
var smoothing = new CrossEntropyOptions { LabelSmoothing = epsilon };
double[] idealLogits = y.SelectMany(yn => Enumerable.Range(0, C).Select(c => Math.Log(c == yn ? t[0] : t[1]))).ToArray();
Console.WriteLine($"loss of the ideal model: {Losses.CrossEntropy<double>(idealLogits, C, y, Reduction.Mean, smoothing):F6}");
Console.WriteLine($"H(t):                    {floor:F6}");
Console.WriteLine($"ideal logit gap ln(t_y / t_other) = {Math.Log(t[0] / t[1]):F4} = ln 28 = {Math.Log(28):F4}");

Notebook.Cell(45);
// A slider that needs no kernel: one point's smoothed loss against its logit gap, for several ε, all computed now. Drag ε.
double[] sliderEpsilons = [0.01, 0.05, 0.1, 0.15, 0.25, 0.3, 0.4, 0.5];   // 0.2 is left to Exercise 5.2
double[] gapAxis = Enumerable.Range(0, 161).Select(i => i * 0.05).ToArray();
int[] pointOfClassA = [0];
Display.Show(ChartSlider.Over("ε", sliderEpsilons, e =>
    {
        var smoothingAtE = new CrossEntropyOptions { LabelSmoothing = e };
        double[] targetAtE = [1 - e + e / C, e / C, e / C];
        return Chart.Combine(new[]
        {
            ChartStyle.Line(gapAxis, gapAxis.Select(g => Losses.CrossEntropy<double>([g, 0.0, 0.0], C, pointOfClassA, Reduction.Mean, smoothingAtE)),
                "loss of a class-A point with logits [g, 0, 0]", colour: 1),
            ChartStyle.Level(gapAxis[0], gapAxis[^1], Information.Entropy(targetAtE), "its floor H(t)", colour: 1),
        });
    }, active: 2)
    .Styled("Drag ε: the smoothed loss is lowest at a finite logit gap, and never below its floor H(t)",
        "logit gap g = z_A − z_B = z_A − z_C", "cross-entropy (nats)", yRange: (0.0, 2.0), xRange: (0.0, 8.0)));

// Train with smoothing and watch the loss approach the floor of 0.2911 from above. The distance to
// the floor is the mean KL divergence $D_{\mathrm{KL}}(t_n \Vert q_n)$, the only part training can
// remove:

Notebook.Cell(47);
var smoothedRun = Train(smoothing, steps, learningRate);
foreach (int s in new[] { 0, 50, 100, 200, 300 })
    Console.WriteLine($"step {s,3}: loss {smoothedRun.LossCurve[s]:F4}, above the floor by {smoothedRun.LossCurve[s] - floor:F4}");

// The loss stops 0.1117 above the floor, and not for lack of steps. Reaching the floor means
// predicting $q_n = t_n$ for every point, that is a logit gap $z_{n,y_n} - z_{n,c} = \ln 28$
// between the true class and *each* other class c, at *every* point. A linear model cannot do that,
// however well the classes are separated. The gap between two classes,
//
// $$z_{n,y} - z_{n,c} = x_n \cdot (W_{\cdot,y} - W_{\cdot,c}) + (b_y - b_c),$$
//
// is an affine function of the point $x_n$: across a two-dimensional cloud it is constant only if
// $W_{\cdot,y} = W_{\cdot,c}$, and then it is the same constant for the points of class c too,
// which need the opposite gap, −ln 28. So some points of every class get a gap below ln 28 (too
// little confidence) and others a gap above it (too much), and both cost, even on perfectly
// separated data. The trained model's gaps, over the points of each class:

Notebook.Cell(49);
double[] smoothedLogits = Logits(X, smoothedRun.W, smoothedRun.B);
double[] Gaps(int cls, int other) =>                 // z_y − z_c over the points of class cls
    Enumerable.Range(0, N).Where(n => y[n] == cls).Select(n => smoothedLogits[n * C + cls] - smoothedLogits[n * C + other]).ToArray();
Display.Show(new TableView(["class y", "other class c", "smallest gap", "mean gap", "largest gap"],
    (from cls in Enumerable.Range(0, C)
     from other in Enumerable.Range(0, C)
     where other != cls
     let gaps = Gaps(cls, other)
     select new object[] { classNames[cls], classNames[other], gaps.Min(), gaps.Average(), gaps.Max() }).ToArray(),
    Digits: 3, Title: $"logit gap z_y − z_c of the smoothed model (the floor needs ln 28 = {Math.Log(28):F3} at every point)"));

Notebook.Cell(50);
double[] smoothedLosses = new double[N];
Losses.CrossEntropy<double>(smoothedLogits, C, y, smoothedLosses, smoothing);      // reduction 'none': one loss per point
int[] smoothedPredicted = Predict(smoothedLogits);
int[] classifiedRight = Enumerable.Range(0, N).Where(n => smoothedPredicted[n] == y[n]).ToArray();
Console.WriteLine($"all {N} points:                     mean loss {smoothedLosses.Average() - floor:F4} above the floor");
Console.WriteLine($"the {classifiedRight.Length} points classified correctly: mean loss {classifiedRight.Average(n => smoothedLosses[n]) - floor:F4} above the floor");

// Within every class the gap spreads widely around the ln 28 = 3.332 the floor asks for: over the
// points of class A, $z_A - z_B$ runs from 0.243 to 7.833. The points the model classifies
// correctly, away from any overlap, still lie 0.0850 above the floor on average, against 0.1117 for
// all points. So most of the distance to the floor is the price of a linear model, which cannot
// give every point the same gap; the few misclassified points where the classes overlap add the
// rest.

Notebook.Cell(52);
Display.Show(Chart.Combine(new[] {
        ChartStyle.Line(stepAxis, plain.LossCurve.Select(l => Math.Round(l, 6)), "one-hot targets", colour: 0),
        ChartStyle.Level(0.0, steps, 0.0, "its floor H(e_y) = 0", colour: 0),
        ChartStyle.Line(stepAxis, smoothedRun.LossCurve.Select(l => Math.Round(l, 6)), "smoothed targets (ε = 0.1)", colour: 1, dash: Plotly.NET.StyleParam.DrawingStyle.Dash),
        ChartStyle.Level(0.0, steps, Math.Round(floor, 6), "its floor H(t)", colour: 1) })
    .Styled("Both losses stay above their floors, the entropies of their targets", "gradient-descent step", "mean cross-entropy (nats)",
        yZeroLine: false)); // the one-hot floor lies on y = 0, where the zero line beneath it would hide its dots

// The smoothed loss settles at 0.4028, 0.1117 above its floor, which no linear model can reach. The
// two losses are not comparable with each other: they measure distance to different targets. (The
// source blog's "smaller cross-entropy is better" only holds for the same targets.) What smoothing
// changes is visible in the model itself. Helpers for the average confidence, the mean of $\max_c
// q_{n,c}$, and the average spread of the logits, $\max_c z_{n,c} - \min_c z_{n,c}$. The table also
// shows the size of the weights, the Frobenius norm $\lVert W \rVert = \big(\sum_{j,c}
// W_{jc}^2\big)^{1/2}$ (MathNet's `FrobeniusNorm`): the logits are xW + b, so larger weights mean
// larger logit gaps and more confident predictions.

Notebook.Cell(54);
double MeanConfidence(Run run)
{
    double[] q = new double[N * C];
    StableMath.SoftmaxRows<double>(Logits(X, run.W, run.B), C, q);
    return q.Chunk(C).Average(row => row.Max());
}

double MeanLogitSpread(Run run) => Logits(X, run.W, run.B).Chunk(C).Average(row => row.Max() - row.Min());

Notebook.Cell(55);
Display.Show(new TableView(["model", "accuracy", "recall of C", "mean confidence", "mean logit spread", "‖W‖"],
    new (string Name, Run Run)[] { ("plain", plain), ("class weights", weightedRun), ("label smoothing", smoothedRun) }
        .Select(m => new object[] { m.Name, Accuracy(PredictRun(m.Run)), Recall(PredictRun(m.Run))[2],
                                    MeanConfidence(m.Run), MeanLogitSpread(m.Run), m.Run.W.FrobeniusNorm() }).ToArray(),
    Digits: 3, Title: "the three trained models"));

// With smoothing the mean confidence drops from 0.955 to 0.860 and the logits stay much closer
// together (a mean spread of 3.897 instead of 9.448, a weight norm ‖W‖ of 2.057 instead of 5.040),
// while the training accuracy barely moves (0.967 against 0.973). The smoothed loss rewards a wider
// logit gap only up to about ln 28 = 3.3322 and penalises it beyond, so the weights stop growing.
// That is the point of label smoothing: less over-confident predictions, and no incentive to push
// logits towards infinity. It is no cure for imbalance, though: it gives every class the same ε /
// C, and here the rare class's recall even drops, from 0.750 to 0.650.
//
// ## Exercises
//
// Each exercise has a cell that calls a check: write your answer where the cell says so and run it.
// The check says *solved*, *not solved yet* or *incorrect* with a hint; it never prints the answer.

// ### Exercise 5.1: Scaling the weights
//
// Multiply every class weight by 1000 (`w.Select(wc => 1000 * wc).ToArray()`) and recompute the
// weighted loss of the plain model (`plainLogits`, as in the cell that checked the weighted mean)
// twice: with `Reduction.Mean`, PyTorch's weighted mean, and with `Reduction.Sum`. For each, give
// the ratio of the new value to the value with the original weights, to 4 significant digits. Which
// reduction depends on the scale of the weights, and why, from its formula? Would training with it
// change?

Notebook.Cell(58);
double meanRatio = double.NaN; // your answer: the weighted mean with weights × 1000, divided by the one with the original weights
double sumRatio = double.NaN;  // your answer: the same ratio with Reduction.Sum
// BEGIN SOLUTION
var scaledWeights = new CrossEntropyOptions { Weight = w.Select(wc => 1000 * wc).ToArray() };
meanRatio = Losses.CrossEntropy<double>(plainLogits, C, y, Reduction.Mean, scaledWeights)
          / Losses.CrossEntropy<double>(plainLogits, C, y, Reduction.Mean, weighted);   // the 1000 cancels between Σ w l and Σ w
sumRatio = Losses.CrossEntropy<double>(plainLogits, C, y, Reduction.Sum, scaledWeights)
         / Losses.CrossEntropy<double>(plainLogits, C, y, Reduction.Sum, weighted);     // Σ w l grows with w: so does its gradient,
// and training with the same learning rate would take steps 1000 times larger
// END SOLUTION
Display.Show(Exercises05.ScaleFreeWeights(meanRatio, sumRatio));

// ### Exercise 5.2: A stronger smoothing
//
// Double ε, to 0.2.
//
// 1. Compute the new floor H(t) in nats, by hand and with `Information.Entropy`.
// 2. Retrain the model with `LabelSmoothing = 0.2`, the same steps and learning rate, and give its
//    training loss after the last step.
//
// Give both to 4 significant digits. Does the loss stay above the new floor, and by more or less
// than with ε = 0.1? How does the ideal logit gap change?

Notebook.Cell(60);
double strongerFloor = double.NaN;     // your answer to 1: H(t) in nats for ε = 0.2
double strongerFinalLoss = double.NaN; // your answer to 2: the training loss after the last step, ε = 0.2
// BEGIN SOLUTION
const double epsilon2 = 2 * epsilon;
double[] t2 = [1 - epsilon2 + epsilon2 / C, epsilon2 / C, epsilon2 / C];
strongerFloor = Information.Entropy(t2);
var strongerRun = Train(new CrossEntropyOptions { LabelSmoothing = epsilon2 }, steps, learningRate);
strongerFinalLoss = strongerRun.LossCurve[^1];
Console.WriteLine($"floor {strongerFloor:F4} nats; final training loss {strongerFinalLoss:F4}, {strongerFinalLoss - strongerFloor:F4} above it (ε = 0.1: {smoothedRun.LossCurve[^1] - floor:F4}); ideal logit gap {Math.Log(t2[0] / t2[1]):F4} (was {Math.Log(t[0] / t[1]):F4})");
// END SOLUTION
Display.Show(Exercises05.StrongerSmoothing(strongerFloor, strongerFinalLoss, X.ToRowMajorArray(), y, C, steps, learningRate));

// ### Exercise 5.3: Soft targets
//
// Build the N × 3 array of smoothed one-hot targets (ε = 0.1) yourself, row-major, and pass it to
// the probability-target overload of `Losses.CrossEntropy`. Show that the loss equals the one
// computed with `LabelSmoothing = 0.1` on class indices. Build the array with code: the check
// compares every entry to 12 significant digits.

Notebook.Cell(62);
double[]? softTargets = null; // your answer: N × 3 values, row n = the smoothed target of point n
// BEGIN SOLUTION
softTargets = y.SelectMany(yn => Enumerable.Range(0, C).Select(c => (c == yn ? 1 - epsilon : 0) + epsilon / C)).ToArray();
double softLoss = Losses.CrossEntropy<double>(plainLogits, C, softTargets);
double indexLoss = Losses.CrossEntropy<double>(plainLogits, C, y, Reduction.Mean, smoothing);
Console.WriteLine($"probability targets: {softLoss:F12}; class indices with LabelSmoothing = 0.1: {indexLoss:F12}");
// END SOLUTION
Display.Show(Exercises05.SoftTargets(softTargets, y, C, epsilon));

// ### Exercise 5.4: Learning rate
//
// Retrain the plain model with `Train` as above, with a learning rate ten times smaller (η = 0.05)
// and one ten times larger (η = 5). For each run print the loss at steps 50 and 300, and whether
// the loss ever rises from one step to the next (or plot the three loss curves with
// `ChartStyle.Line`, as in the loss-curve cell above). Which rate would need more steps, and does
// any of them misbehave?
//
// *Self-check* (set `choice` in the cell after the worked answer): (a) η = 5 overshoots: its loss
// rises and falls from step to step; (b) η = 0.05 lags far behind after 300 steps, and no run's
// loss ever rises; (c) after 300 steps the three runs have reached about the same loss.

// **Worked answer.** Each step moves the parameters by η times the gradient, so with η ten times
// smaller each step makes about ten times less progress while the loss is still far from its
// minimum: the small rate needs many more steps for the same loss (after 300 steps it is still
// above the loss the default rate had reached by step 50). A rate that is too large overshoots: the
// step jumps past the bottom of the valley, and the loss rises or oscillates. Here even η = 5 is
// not too large: the loss of softmax regression is convex and, on these data, gently curved, so its
// curve falls at every step and ends lowest of the three. Larger rates still would overshoot; the
// safe limit is set by the curvature of the loss (for gradient descent, 2 divided by the largest
// eigenvalue of the Hessian). The cell below draws the three curves and prints their losses.
//
// Notebook 8 asks whether such a model's probabilities can be trusted (calibration, temperature
// scaling) and why it is trained on cross-entropy rather than squared error: [8. Cross-entropy in
// modern training](08-cross-entropy-in-modern-training.ipynb).

Notebook.Cell(65);
char choice = '?'; // 'a', 'b' or 'c'
// BEGIN SOLUTION
var slowRun = Train(CrossEntropyOptions.Default, steps, learningRate / 10);
var fastRun = Train(CrossEntropyOptions.Default, steps, learningRate * 10);
foreach (var (name, run) in new[] { ("eta = 0.05", slowRun), ("eta = 0.5 ", plain), ("eta = 5   ", fastRun) })
    Console.WriteLine($"{name}: loss at step 50 {run.LossCurve[50]:F4}, at step {steps} {run.LossCurve[^1]:F4}; rises at some step: {Enumerable.Range(1, steps).Any(s => run.LossCurve[s] > run.LossCurve[s - 1])}");
Display.Show(Chart.Combine(new[] {
        ChartStyle.Line(stepAxis, slowRun.LossCurve.Select(l => Math.Round(l, 6)), "η = 0.05", colour: 0),
        ChartStyle.Line(stepAxis, plain.LossCurve.Select(l => Math.Round(l, 6)), "η = 0.5", colour: 1, dash: Plotly.NET.StyleParam.DrawingStyle.Dash),
        ChartStyle.Line(stepAxis, fastRun.LossCurve.Select(l => Math.Round(l, 6)), "η = 5", colour: 3, dash: Plotly.NET.StyleParam.DrawingStyle.Dot) })
    .Styled("Training loss for three learning rates", "gradient-descent step", "mean cross-entropy (nats)", logY: true));
choice = 'b';
// END SOLUTION
Display.Show(Exercises05.LearningRate(choice));

// --- **Previous:** [4. Stability pitfalls](04-stability-pitfalls.ipynb) · **Next:** [6.
// Cross-entropy in practice](06-cross-entropy-in-practice.ipynb) · Back to the [course
// map](00-start-here.ipynb)

// Type declarations, moved here from their cells: in a file-based app they follow the top-level statements.

// From cell 24:
record Run(Matrix<double> W, Vector<double> B, double[] LossCurve);
