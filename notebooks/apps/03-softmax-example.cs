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

// The kernel-free edition of ../03-softmax-example.ipynb ("3. The blog's example: softmax, cross-entropy and its gradient"), as a .NET file-based app:
// `dotnet run 03-softmax-example.cs` in this folder. Text outputs print as in the notebook; each chart is written
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

Notebook.Start("../03-softmax-example.ipynb");

// # 3. The blog's example: softmax, cross-entropy and its gradient
//
// The source blog's worked example is a two-class problem. Its "true distribution" p = [0.5, 0.5]
// is, in the blog's words, a
// <span lang="zh-CN">平衡的二元分布</span> (a balanced binary distribution): the class balance of a data set with as many examples of one
// class as of the other. A network's raw scores (logits) z = [0.7, 0.3] are turned into a
// prediction q = softmax(z). This notebook reproduces the example in C#, checks every digit, says
// what the blog's p means for a classifier (each example's own target is one-hot), and then asks
// the questions the blog does not: how far is this from the best possible value, what does
// temperature do, and which way does training move the logits?
//
// **What you will learn**
//
// - $\mathrm{softmax}(z)_i = e^{z_i} / \sum_j e^{z_j}$, and the blog's example computed two ways:
//   the blog's formula $-\sum p \log q$, and the stable route from logits through log-sum-exp;
// - the answer, 0.7130152524 nats = 1.0286635687 bits, split into H(p) = 1 bit plus a small KL
//   divergence;
// - what p = [0.5, 0.5] stands for: a data set's class balance, while each example's target is
//   one-hot and the loss is the mean of the per-example losses;
// - that only the differences between logits matter (*shift invariance*);
// - how close double and float32 (TensorFlow's default) get to a 28-digit reference, counted in
//   *ulps* (units in the last place);
// - how a softmax temperature changes the prediction and the loss;
// - the gradient of cross-entropy with respect to the logits, q − p, derived step by step through
//   the softmax Jacobian (with the calculus it needs: partial derivatives, the chain rule, the
//   Jacobian) and checked by finite differences.

// (notebook only) #r "nuget: Plotly.NET.Interactive, 6.0.0"
// (notebook only) #r "nuget: Plotly.NET.CSharp, 0.14.0"
// (notebook only) #r "nuget: MathNet.Numerics, 5.0.0"
// (notebook only) #r "nuget: System.Numerics.Tensors, 10.0.15"
// (notebook only) #r "../lib/CrossEntropy.Numerics/bin/Release/net10.0/CrossEntropy.Numerics.dll"
// (notebook only) #r "../lib/CrossEntropy.Interactive/bin/Release/net10.0/CrossEntropy.Interactive.dll"
// (notebook only) CrossEntropy.Interactive.KernelSetup.Install(); // FSharp.Core workaround for Plotly.NET + HTML views; see the README


// ## The blog's code
//
// The blog uses NumPy and TensorFlow:
//
// ```python
// p = np.array([0.5, 0.5])
// q = tf.nn.softmax([0.7, 0.3])
// cross_entropy = -np.sum(p * np.log(q))
// print("交叉熵:", cross_entropy.numpy())
// ```
//
// (As printed, the last line would fail: `np.sum` returns a NumPy scalar, which has no `.numpy()`
// method. Print `cross_entropy` itself.) Here is the same computation in C#, line for line:

Notebook.Cell(5);
double[] p = [0.5, 0.5];
double[] logits = [0.7, 0.3];
double[] q = StableMath.Softmax(logits);
double crossEntropy = -p.Zip(q, (pi, qi) => pi * Math.Log(qi)).Sum();
Console.WriteLine($"q = [{q[0]:G15}, {q[1]:G15}]");
Console.WriteLine($"cross-entropy = {crossEntropy:F10} nats");

// The prediction q = [0.598687660112452, 0.401312339887548] (to 15 significant digits) puts more
// mass on the first class because its logit is larger, and the cross-entropy is 0.7130152524 nats.

Notebook.Cell(7);
Display.Show(new DistributionView(["class 0", "class 1"], q, Digits: 6, Title: "q = softmax([0.7, 0.3])"));

// Only the *difference* of the two logits matters. Adding the same constant c to every logit
// multiplies every $e^{z_i}$ by $e^c$, which cancels between numerator and denominator:
//
// $$\mathrm{softmax}(z + c)_i = \frac{e^{z_i} e^{c}}{\sum_j e^{z_j} e^{c}} = \mathrm{softmax}(z)_i .$$
//
// This is **shift invariance**: a whole line of logit vectors, z + c for every c, gives the same
// prediction. Notebook 4 relies on it to keep softmax from overflowing.

Notebook.Cell(9);
double[] shiftedLogits = [10.7, 10.3];                 // z + 10
double[] qShifted = StableMath.Softmax(shiftedLogits);
Console.WriteLine($"softmax([0.7, 0.3])   = [{q[0]:F10}, {q[1]:F10}]");
Console.WriteLine($"softmax([10.7, 10.3]) = [{qShifted[0]:F10}, {qShifted[1]:F10}]");

// ## The stable route: from logits, through log-sum-exp
//
// Careful code does not form q and then take its log: PyTorch's `cross_entropy` and TensorFlow's
// `softmax_cross_entropy_with_logits` take the logits. Keras's losses take probabilities by
// default, but when those come straight from a softmax layer Keras finds the logits behind them and
// takes this careful route too; only probabilities made some other way get the literal log of q,
// after the clipping that notebook 4 examines. Since $\log \mathrm{softmax}(z)_i = z_i - \log
// \sum_j e^{z_j}$, the loss can be computed straight from the logits:
//
// $$H(p, \mathrm{softmax}(z)) = \mathrm{LSE}(z) - \sum_i p_i z_i, \qquad \mathrm{LSE}(z) = \log \sum_j e^{z_j}.$$
//
// `Losses.CrossEntropy` does this, with PyTorch's semantics (here: one row, probability targets).
// Notebook 4 shows why it matters.

Notebook.Cell(11);
double fromLogits = Losses.CrossEntropy(logits, classCount: 2, targetProbabilities: p);
double byHand = StableMath.LogSumExp(logits) - (p[0] * logits[0] + p[1] * logits[1]);
Console.WriteLine($"Losses.CrossEntropy      = {fromLogits:F10} nats");
Console.WriteLine($"LSE(z) − Σ p z           = {byHand:F10} nats");
Console.WriteLine($"in bits                  = {Information.CrossEntropy(p, q, InformationUnit.Bits):F10} bits");

// All three agree: **0.7130152524 nats = 1.0286635687 bits.**
//
// ## What p = [0.5, 0.5] stands for
//
// The blog sets the scene as a set of binary-classification data in which every example belongs to
// one of two classes, and calls p a <span lang="zh-CN">平衡的二元分布</span>, a *balanced* binary
// distribution: half of the examples are in each class. That describes the data set, not one
// example. In classification each example has one label, so its own target is **one-hot**: [1, 0]
// for an example of class 0, [0, 1] for class 1. Binary cross-entropy is computed per example
// against that one-hot target, and the loss of a data set is the **mean of the per-example
// losses**.
//
// On a balanced data set the two readings give the same number when the model predicts the same q
// for every example: half of the examples cost −log q₀, the other half −log q₁, and the mean is
// ½(−log q₀) + ½(−log q₁) = H([0.5, 0.5], q). So the blog's value is the mean loss of a model that
// gives every example the same prediction. Two examples, one of each class, with the same logits:

Notebook.Cell(13);
double[] twoExampleLogits = [0.7, 0.3, 0.7, 0.3];       // N = 2 rows of 2 logits, row-major
int[] oneLabelEach = [0, 1];                              // one-hot targets [1, 0] and [0, 1]
Console.WriteLine($"per-example losses: −log q₀ = {-Math.Log(q[0]):F10}, −log q₁ = {-Math.Log(q[1]):F10}");
Console.WriteLine($"their mean (Losses.CrossEntropy, class labels) = {Losses.CrossEntropy(twoExampleLogits, classCount: 2, targets: oneLabelEach):F10} nats");
Console.WriteLine($"H([0.5, 0.5], q), the blog's formula            = {crossEntropy:F10} nats");

// The rest of this notebook, like the blog's code, uses p = [0.5, 0.5] differently: as the target
// of a *single* example, a **soft target** that says "either class, equally". Soft targets are real
// (label smoothing in notebook 5 trains on them), and everything below — the floor H(p), the
// gradient q − p — holds for any target distribution, one-hot or not. Notebook 5 trains on one-hot
// targets.
//
// ## How good is that? Entropy plus KL
//
// The blog reads a small cross-entropy as a small difference between p and q. Notebook 2 showed why
// that is wrong: the cross-entropy can never go below H(p), and here p is a fair coin, so H(p) = ln
// 2 nats = 1 bit.

Notebook.Cell(15);
Console.WriteLine($"H(p)      = {Information.Entropy(p):F10} nats = {Information.Entropy(p, InformationUnit.Bits):F10} bits");
Console.WriteLine($"KL(p‖q)   = {Information.KLDivergence(p, q):F10} nats");
Console.WriteLine($"H + KL    = {Information.Entropy(p) + Information.KLDivergence(p, q):F10} nats");

// Of the 0.7130152524 nats, 0.6931471806 are the unavoidable uncertainty of a fair coin and only
// 0.0198680718 nats measure how far q is from p. A "perfect" model would score 1 bit, not 0.
//
// ## Checking the digits against a 28-digit reference
//
// `HighPrecision` evaluates the same formula in `decimal` (28 significant digits) and serves as the
// reference. It is the reference for the logits the program actually holds: 0.7 and 0.3 are not
// doubles, so `logits` holds the nearest doubles, and the reference is computed for those.
//
// Comparing a double with it takes care: the double must reach `decimal` without being rounded.
// C#'s cast `(decimal)x` rounds a double to 15 significant digits (a float to 7), coarser than the
// errors we want to see, so an error measured through it measures the cast.
// `HighPrecision.ToDecimal` keeps all the digits `decimal` can hold. A double is a binary fraction,
// and its exact value has many more decimals; the next cell prints the blog formula's result
// exactly (.NET prints a double's exact digits when asked for enough of them) and as `ToDecimal`
// converts it: the two agree up to `ToDecimal`'s last digit, which is rounded.
//
// Errors are counted in **ulps**, *units in the last place*: one ulp is the gap between a
// floating-point number and the next one up. A result within half an ulp of the true value is the
// nearest double to it, the best a double can be (*correctly rounded*).

Notebook.Cell(17);
decimal reference = HighPrecision.CrossEntropyFromLogits(p, logits);
double ulp = Math.BitIncrement(crossEntropy) - crossEntropy;          // the gap to the next double up
string Exactly(double x) => $"{x:F60}".TrimEnd('0');                 // every decimal of a double (60 suffice here)
Console.WriteLine($"reference (decimal)             = {reference}");
Console.WriteLine($"blog formula, the double exactly = {Exactly(crossEntropy)}");
Console.WriteLine($"HighPrecision.ToDecimal of it   = {HighPrecision.ToDecimal(crossEntropy)}");
Console.WriteLine($"one ulp here = 2^{Math.Log2(ulp)} = {ulp:G3}");

// Now each result's error, (result − reference) / ulp, computed in `decimal` so that no step rounds
// to fewer than 28 digits:

Notebook.Cell(19);
double ErrorInUlps(double result, decimal exact, double unit) =>
    (double)((HighPrecision.ToDecimal(result) - exact) / HighPrecision.ToDecimal(unit));
double RelativeError(double result, decimal exact) => (double)(Math.Abs(HighPrecision.ToDecimal(result) - exact) / exact);
Console.WriteLine($"blog formula −Σ p log q:   {crossEntropy:R}, error {ErrorInUlps(crossEntropy, reference, ulp):+0.00;−0.00} ulp, relative {RelativeError(crossEntropy, reference):E1}");
Console.WriteLine($"from logits LSE(z) − Σ p z: {fromLogits:R}, error {ErrorInUlps(fromLogits, reference, ulp):+0.00;−0.00} ulp, relative {RelativeError(fromLogits, reference):E1}");
Console.WriteLine($"the two routes return the same double: {crossEntropy == fromLogits}");

// Both routes return the same double, +0.45 ulp from the true value: the nearest double to it, the
// best any double can do. That is not a law. The blog's formula rounds q₀ and q₁, then each
// logarithm, then the sum, while the route from logits rounds fewer times; here the library's
// softmax returns each q correctly rounded and the roundings of the logarithms happen to cancel. On
// other logits they do not (notebook 4, section 7, measures both routes over a whole range of
// logits, where the difference becomes a difference between a number and ∞). On this example both
// are accurate far beyond any need: a relative error of 7.0E-017.
//
// How much does that rounding of the logits matter? The same formula with the exact decimal logits
// 0.7 and 0.3:

Notebook.Cell(21);
decimal exactLogitsValue = HighPrecision.Log(HighPrecision.Exp(0.7m) + HighPrecision.Exp(0.3m)) - (0.5m * 0.7m + 0.5m * 0.3m);
Console.WriteLine($"0.7 as a double = {Exactly(0.7)}, 0.3 as a double = {Exactly(0.3)}");
Console.WriteLine($"reference for the double logits = {reference}");
Console.WriteLine($"exact logits 0.7 and 0.3        = {exactLogitsValue}");
Console.WriteLine($"difference                      = {(double)(reference - exactLogitsValue):E1} = {(double)((reference - exactLogitsValue) / HighPrecision.ToDecimal(ulp)):+0.00;−0.00} ulp");

// The two references differ by 3.3E-018, 0.03 ulp: far below the errors measured above, so for
// those comparisons it makes no difference which one is used.

// TensorFlow computes in float32 by default, so the blog's q carried only about 7 significant
// digits. The same pipeline in `float`, measured the same way against the true value of the blog's
// example. A float converts to `decimal` exactly (its value here has only 24 significant bits), and
// a float's ulp is 2²⁹ times a double's:

Notebook.Cell(24);
float[] q32 = StableMath.Softmax<float>([0.7f, 0.3f]);
float crossEntropy32 = Textbook.CrossEntropy<float>([0.5f, 0.5f], q32);
float floatUlp = MathF.BitIncrement(crossEntropy32) - crossEntropy32;
Console.WriteLine($"float32: q = [{q32[0]:R}, {q32[1]:R}], cross-entropy = {crossEntropy32:R} = {HighPrecision.ToDecimal(crossEntropy32)} exactly");
Console.WriteLine($"one float ulp here = 2^{Math.Log2(floatUlp)} = {floatUlp:G3} = 2^{Math.Log2(floatUlp / ulp)} double ulps");
Console.WriteLine($"error {ErrorInUlps(crossEntropy32, reference, floatUlp):+0.00;−0.00} float ulp, relative {RelativeError(crossEntropy32, reference):E1}");
Console.WriteLine($"the float just below: error {ErrorInUlps(MathF.BitDecrement(crossEntropy32), reference, floatUlp):+0.00;−0.00} float ulp");

// The float result is 1.10 float ulps above the true value, a relative error of 9.2E-008: about one
// unit in float's last place, as for double, but float's last place is 2²⁹ times coarser. The float
// just below it, 0.10 ulp away, would have been the correctly rounded answer.

// ## Temperature
//
// Dividing the logits by a temperature T before the softmax, q = softmax(z / T), makes the
// prediction sharper (T < 1) or flatter (T > 1). As T → ∞, q → [0.5, 0.5] = p and the cross-entropy
// falls to its floor H(p); as T → 0, q → [1, 0] and the cross-entropy grows without bound, because
// the model becomes certain of the wrong thing for half of the data.

Notebook.Cell(27);
double LossAtTemperature(double t) => Losses.CrossEntropy(logits.Select(z => z / t).ToArray(), classCount: 2, targetProbabilities: p);
double[] temperatures = Enumerable.Range(0, 61).Select(i => Math.Pow(10, -1.5 + i * 0.05)).ToArray();
double[] lossAtT = temperatures.Select(LossAtTemperature).ToArray();
double[] q0AtT = temperatures.Select(t => StableMath.Softmax(logits, t)[0]).ToArray();
foreach (double t in new[] { 0.1, 1.0, 10.0 })
    Console.WriteLine($"T = {t,4}: q = [{StableMath.Softmax(logits, t)[0]:F4}, {StableMath.Softmax(logits, t)[1]:F4}], cross-entropy = {LossAtTemperature(t):F4} nats");

Notebook.Cell(28);
var lossPanel = Chart.Combine(new[]
{
    ChartStyle.Line(temperatures, lossAtT, "H(p, softmax(z / T))", colour: 0),
    ChartStyle.Level(temperatures[0], temperatures[^1], Math.Log(2), "its floor H(p) = ln 2", colour: 0),
});
var probabilityPanel = Chart.Combine(new[]
{
    ChartStyle.Line(temperatures, q0AtT, "q₀ = P(class 0)", colour: 1),
    ChartStyle.Level(temperatures[0], temperatures[^1], 0.5, "p₀ = 0.5", colour: 1),
});
Display.Show(Chart.Grid(new[] { lossPanel, probabilityPanel }, 2, 1)
    .Styled("Temperature: sharper (T < 1) or flatter (T > 1) predictions", "temperature T", "cross-entropy (nats)", logX: true)
    .WithAxisTitle("xaxis2", "temperature T", log: true)
    .WithAxisTitle("yaxis2", "probability q₀"));

Notebook.Cell(29);
// A slider that needs no kernel: q₀ against the logit gap at each temperature, all computed now. Drag T.
double[] sliderTemperatures = [0.1, 0.25, 0.5, 1, 1.5, 3, 5, 10];
double[] logitGaps = Enumerable.Range(0, 120).Select(i => -2.975 + i * 0.05).ToArray(); // between the exercises' gaps
Display.Show(ChartSlider.Over("T", sliderTemperatures, t => Chart.Combine(new[]
    {
        ChartStyle.Line(logitGaps, logitGaps.Select(d => StableMath.Softmax<double>([d, 0.0], t)[0]), "q₀ = softmax(z / T)₀", colour: 1),
        ChartStyle.Line([logits[0] - logits[1]], [StableMath.Softmax(logits, t)[0]], $"the blog's z = [{logits[0]}, {logits[1]}]", colour: 3, markers: true),
        ChartStyle.Level(logitGaps[0], logitGaps[^1], p[0], $"p₀ = {p[0]}", colour: 1),
    }), active: 3)
    .Styled("Drag T: below 1 the softmax sharpens towards the larger logit, above 1 it flattens towards [0.5, 0.5]",
        "logit gap z₀ − z₁", "probability q₀", yRange: (0.0, 1.0), xRange: (-3.0, 3.0)));

// ## The calculus the derivation needs
//
// The loss depends on several numbers at once, the logits z₀, z₁, …, so its derivative is taken one
// logit at a time. Three ideas suffice; a fuller treatment is in the appendix of *Dive into Deep
// Learning*, [Multivariable
// calculus](https://d2l.ai/chapter_appendix-mathematics-for-deep-learning/multivariable-calculus.html).
//
// - **Partial derivative.** $\partial L / \partial z_k$ is the rate at which L changes when only
//   $z_k$ moves and every other logit stays fixed. It is computed like an ordinary derivative,
//   treating the other variables as constants: for $L = z_0^2 z_1$, $\partial L / \partial z_0 = 2
//   z_0 z_1$ and $\partial L / \partial z_1 = z_0^2$. The vector of all of them is the **gradient**
//   $\nabla L$; it points uphill, so gradient descent steps against it.
// - **Chain rule.** If L depends on z only through intermediate values $q_1, \dots, q_n$, a change
//   in $z_k$ reaches L along every path and the effects add: $\dfrac{\partial L}{\partial z_k} =
//   \sum_i \dfrac{\partial L}{\partial q_i}\,\dfrac{\partial q_i}{\partial z_k}$. With one path it
//   is the familiar $(f(g(x)))' = f'(g(x))\,g'(x)$.
// - **Jacobian.** A function from vectors to vectors, like q = softmax(z), has one partial
//   derivative per pair (output i, input k); arranged as a matrix, $J_{ik} = \partial q_i /
//   \partial z_k$, they form its Jacobian. The chain rule above is then a matrix–vector product:
//   $\nabla_z L = J^\top \nabla_q L$.
//
// The derivation also uses $\frac{d}{dx} \ln x = 1/x$ and $\frac{d}{dx} e^x = e^x$.

// ## The gradient: q − p
//
// Training changes the logits to lower the loss. For softmax followed by cross-entropy the
// derivative is strikingly simple:
//
// $$\frac{\partial H(p, \mathrm{softmax}(z))}{\partial z_i} = q_i - p_i .$$
//
// The prediction minus the target. **Derivation**, step by step. Write the loss through
// log-softmax:
//
// $$L(z) = -\sum_i p_i \log q_i, \qquad \log q_i = z_i - \log \sum_j e^{z_j} .$$
//
// 1. The derivative of log-sum-exp is softmax: $\dfrac{\partial}{\partial z_k} \log \sum_j e^{z_j}
//    = \dfrac{e^{z_k}}{\sum_j e^{z_j}} = q_k$.
// 2. So $\dfrac{\partial \log q_i}{\partial z_k} = \delta_{ik} - q_k$, where $\delta_{ik}$ is 1 if
//    i = k and 0 otherwise. Multiplying by $q_i$ gives the **softmax Jacobian** $\dfrac{\partial
//    q_i}{\partial z_k} = q_i(\delta_{ik} - q_k)$: diagonal entries $q_i(1 - q_i)$, off-diagonal
//    $-q_i q_k$.
// 3. By the chain rule, $\dfrac{\partial L}{\partial z_k} = -\sum_i p_i
//    \dfrac{1}{q_i}\dfrac{\partial q_i}{\partial z_k} = -\sum_i p_i (\delta_{ik} - q_k) = -p_k +
//    q_k \sum_i p_i .$
// 4. p is a distribution, $\sum_i p_i = 1$, so $\dfrac{\partial L}{\partial z_k} = q_k - p_k$.
//
// The $1/q_i$ of the log cancels the $q_i$ of the Jacobian: that is why the gradient stays finite
// and simple even when some $q_i$ is tiny. Step 4 is the only place where p matters as a whole: the
// formula needs a target that sums to 1. `Losses.CrossEntropyGradient` returns it (for a batch,
// divided by the batch size in mean mode).

Notebook.Cell(32);
double[] gradient = new double[2];
Losses.CrossEntropyGradient(logits, classCount: 2, targetProbabilities: p, gradient);
Console.WriteLine($"gradient = [{gradient[0]:+0.0000000;-0.0000000}, {gradient[1]:+0.0000000;-0.0000000}]");
Console.WriteLine($"q − p    = [{q[0] - p[0]:+0.0000000;-0.0000000}, {q[1] - p[1]:+0.0000000;-0.0000000}]");

// A central finite difference, $(L(z + h e_i) - L(z - h e_i)) / 2h$, agrees — an independent check
// that uses only the loss:

Notebook.Cell(34);
double LossAt(double[] z) => Losses.CrossEntropy(z, 2, p);
const double h = 1e-6;
double numeric0 = (LossAt([0.7 + h, 0.3]) - LossAt([0.7 - h, 0.3])) / (2 * h);
Console.WriteLine($"finite difference ∂L/∂z₀ = {numeric0:+0.0000000;-0.0000000}, analytic = {gradient[0]:+0.0000000;-0.0000000}");

// The gradient is positive for the over-predicted class and negative for the other: one
// gradient-descent step lowers z₀, raises z₁, moves q towards p and lowers the loss towards ln 2.

Notebook.Cell(36);
const double learningRate = 1.0;
double[] stepped = [logits[0] - learningRate * gradient[0], logits[1] - learningRate * gradient[1]];
Console.WriteLine($"after one step: z = [{stepped[0]:F4}, {stepped[1]:F4}], q = [{StableMath.Softmax(stepped)[0]:F4}, {StableMath.Softmax(stepped)[1]:F4}], loss = {LossAt(stepped):F6} nats (was {LossAt(logits):F6})");

// ## Exercises
//
// Each exercise has a cell that calls a check: write your answer where the cell says so and run it.
// The check says *solved*, *not solved yet* or *incorrect* with a hint; it never prints the answer.

// ### Exercise 3.1: Bits from nats
//
// One gradient-descent step above lowered the loss to 0.698271 nats.
//
// 1. Convert that loss to bits yourself (one bit is ln 2 nats).
// 2. How far above its floor of 1 bit is it now, in bits?
//
// Give both to 4 decimal places (a hand computation from the printed 0.698271 is precise enough).

Notebook.Cell(39);
double crossEntropyBits = double.NaN; // your answer to 1, in bits
double aboveFloorBits = double.NaN;   // your answer to 2, in bits
// BEGIN SOLUTION
crossEntropyBits = LossAt(stepped) / Math.Log(2);               // nats / ln 2 = bits
aboveFloorBits = crossEntropyBits - Information.Entropy(p, InformationUnit.Bits);   // the floor is H(p) = 1 bit
// END SOLUTION
Display.Show(Exercises03.BitsFromNats(crossEntropyBits, aboveFloorBits));

// ### Exercise 3.2: The best logits
//
// Which logits z minimise the loss for p = [0.5, 0.5]? Are they unique? (Hint: shift invariance,
// above.) Give one such z. The check computes the loss of your z and accepts it when it equals the
// floor to 12 significant digits.

Notebook.Cell(41);
double[]? bestLogits = null; // your answer: two logits
// BEGIN SOLUTION
bestLogits = [0.0, 0.0];                                         // any z with z₀ = z₁ gives q = p
// END SOLUTION
Display.Show(Exercises03.BestLogits(bestLogits));

// ### Exercise 3.3: A hard label
//
// With p = [1, 0] (a hard label), compute the loss and the gradient with respect to the logits for
// z = [0.2, 1.4], logits that favour the wrong class, each to 4 significant digits. What is the
// floor of the loss now, and what happens to the loss as z₀ − z₁ → ∞?

Notebook.Cell(43);
double hardLoss = double.NaN;
double[]? hardGradient = null; // your answers
// BEGIN SOLUTION
double[] hardLogits = [0.2, 1.4];
hardLoss = Losses.CrossEntropy(hardLogits, classCount: 2, targets: [0]);
hardGradient = new double[2];
Losses.CrossEntropyGradient(hardLogits, classCount: 2, targets: [0], hardGradient);
// END SOLUTION
Display.Show(Exercises03.HardLabel(hardLoss, hardGradient));

// ### Exercise 3.4: Temperature and gradient
//
// Let q = softmax(z / T) be the prediction at temperature T, and L(z) = H(p, softmax(z / T)). Show
// that the gradient with respect to z is (q − p) / T, with this q. Compute it at T = 2 for the
// blog's z and p, to 4 significant digits, and check it with a finite difference.

Notebook.Cell(45);
double[]? temperatureGradient = null; // your answer: ∂L/∂z at T = 2
// BEGIN SOLUTION
const double T = 2;
double[] qT = StableMath.Softmax(logits, T);                      // q = softmax(z / T)
temperatureGradient = [(qT[0] - p[0]) / T, (qT[1] - p[1]) / T];    // chain rule: ∂(z / T)/∂z = 1 / T
double LossAtT(double[] z) => Losses.CrossEntropy(z.Select(v => v / T).ToArray(), 2, p);
Console.WriteLine($"finite difference ∂L/∂z₀ = {(LossAtT([0.7 + h, 0.3]) - LossAtT([0.7 - h, 0.3])) / (2 * h):+0.0000000;-0.0000000}, (q₀ − p₀) / T = {temperatureGradient[0]:+0.0000000;-0.0000000}");
// END SOLUTION
Display.Show(Exercises03.TemperatureGradient(temperatureGradient));

// --- **Previous:** [2. Cross-entropy and KL divergence](02-cross-entropy-and-kl.ipynb) · **Next:**
// [4. Stability pitfalls](04-stability-pitfalls.ipynb)
