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
// lib/NotebookRunner -c Release -- --export`): edit the notebook, not this file. The properties above: the app pins
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
// The source blog's worked example is a two-class problem: the true distribution is p = [0.5, 0.5]
// and a network's raw scores (logits) z = [0.7, 0.3] are turned into a prediction q = softmax(z).
// This notebook reproduces it in C#, checks every digit, and then asks the questions the blog does
// not: how far is this from the best possible value, what does temperature do, and which way does
// training move the logits?
//
// **What you will learn**
//
// - $\mathrm{softmax}(z)_i = e^{z_i} / \sum_j e^{z_j}$, and the blog's example computed two ways:
//   the blog's formula $-\sum p \log q$, and the stable route from logits through log-sum-exp;
// - the answer, 0.7130152524 nats = 1.0286635687 bits, split into H(p) = 1 bit plus a small KL
//   divergence;
// - how close double precision gets to a 28-digit reference, and what float32 (TensorFlow's
//   default) gives;
// - how a softmax temperature changes the prediction and the loss;
// - the gradient of cross-entropy with respect to the logits, q − p, derived step by step through
//   the softmax Jacobian and checked by finite differences.

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

// ## The stable route: from logits, through log-sum-exp
//
// Careful code does not form q and then take its log: PyTorch's `cross_entropy` and TensorFlow's
// `softmax_cross_entropy_with_logits` take the logits. (Not all code is careful: notebook 4 shows
// Keras's loss on probabilities doing exactly that, with clipping to keep the log finite.) Since
// $\log \mathrm{softmax}(z)_i = z_i - \log \sum_j e^{z_j}$, the loss can be computed straight from
// the logits:
//
// $$H(p, \mathrm{softmax}(z)) = \mathrm{LSE}(z) - \sum_i p_i z_i, \qquad \mathrm{LSE}(z) = \log \sum_j e^{z_j}.$$
//
// `Losses.CrossEntropy` does this, with PyTorch's semantics (here: one row, probability targets).
// Notebook 4 shows why it matters.

Notebook.Cell(9);
double fromLogits = Losses.CrossEntropy(logits, classCount: 2, targetProbabilities: p);
double byHand = StableMath.LogSumExp(logits) - (p[0] * logits[0] + p[1] * logits[1]);
Console.WriteLine($"Losses.CrossEntropy      = {fromLogits:F10} nats");
Console.WriteLine($"LSE(z) − Σ p z           = {byHand:F10} nats");
Console.WriteLine($"in bits                  = {Information.CrossEntropy(p, q, InformationUnit.Bits):F10} bits");

// All three agree: **0.7130152524 nats = 1.0286635687 bits.**
//
// ## How good is that? Entropy plus KL
//
// The blog reads a small cross-entropy as a small difference between p and q. Notebook 2 showed why
// that is wrong: the cross-entropy can never go below H(p), and here p is a fair coin, so H(p) = ln
// 2 nats = 1 bit.

Notebook.Cell(11);
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
// doubles, so `logits` holds the nearest doubles, and the reference is exact for those. Double
// precision gets within a few units of the 16th digit:

Notebook.Cell(13);
decimal reference = HighPrecision.CrossEntropyFromLogits(p, logits);
Console.WriteLine($"reference (decimal)      = {reference}");
Console.WriteLine($"|blog formula − ref|     = {Math.Abs((double)((decimal)crossEntropy - reference)):E1}");
Console.WriteLine($"|from logits − ref|      = {Math.Abs((double)((decimal)fromLogits - reference)):E1}");

// How much does that rounding of the logits matter? The same formula with the exact decimal logits
// 0.7 and 0.3:

Notebook.Cell(15);
decimal exactLogitsValue = HighPrecision.Log(HighPrecision.Exp(0.7m) + HighPrecision.Exp(0.3m)) - (0.5m * 0.7m + 0.5m * 0.3m);
Console.WriteLine($"0.7 as a double = {HighPrecision.ToDecimal(0.7)}, 0.3 as a double = {HighPrecision.ToDecimal(0.3)}");
Console.WriteLine($"reference for the double logits = {reference}");
Console.WriteLine($"exact logits 0.7 and 0.3        = {exactLogitsValue}");
Console.WriteLine($"difference                      = {(double)(reference - exactLogitsValue):E1}");

// The two references differ by 3.3E-018, in the 18th significant digit: far below double's
// resolution (about 1e-16 relative), so for the comparisons above it makes no difference which one
// is used.

// TensorFlow computes in float32 by default, so the blog's q carried only about 7 significant
// digits. The same pipeline in `float`:

Notebook.Cell(18);
float[] q32 = StableMath.Softmax<float>([0.7f, 0.3f]);
float crossEntropy32 = Textbook.CrossEntropy<float>([0.5f, 0.5f], q32);
Console.WriteLine($"float32: q = [{q32[0]:R}, {q32[1]:R}], cross-entropy = {crossEntropy32:R}");
Console.WriteLine($"relative error vs reference: {Math.Abs(((decimal)crossEntropy32 - reference) / reference):E1}");

// ## Temperature
//
// Dividing the logits by a temperature T before the softmax, q = softmax(z / T), makes the
// prediction sharper (T < 1) or flatter (T > 1). As T → ∞, q → [0.5, 0.5] = p and the cross-entropy
// falls to its floor H(p); as T → 0, q → [1, 0] and the cross-entropy grows without bound, because
// the model becomes certain of the wrong thing for half of the data.

Notebook.Cell(20);
double LossAtTemperature(double t) => Losses.CrossEntropy(logits.Select(z => z / t).ToArray(), classCount: 2, targetProbabilities: p);
double[] temperatures = Enumerable.Range(0, 61).Select(i => Math.Pow(10, -1.5 + i * 0.05)).ToArray();
double[] lossAtT = temperatures.Select(LossAtTemperature).ToArray();
double[] q0AtT = temperatures.Select(t => StableMath.Softmax(logits, t)[0]).ToArray();
foreach (double t in new[] { 0.1, 1.0, 10.0 })
    Console.WriteLine($"T = {t,4}: q = [{StableMath.Softmax(logits, t)[0]:F4}, {StableMath.Softmax(logits, t)[1]:F4}], cross-entropy = {LossAtTemperature(t):F4} nats");

Notebook.Cell(21);
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

Notebook.Cell(23);
double[] gradient = new double[2];
Losses.CrossEntropyGradient(logits, classCount: 2, targetProbabilities: p, gradient);
Console.WriteLine($"gradient = [{gradient[0]:+0.0000000;-0.0000000}, {gradient[1]:+0.0000000;-0.0000000}]");
Console.WriteLine($"q − p    = [{q[0] - p[0]:+0.0000000;-0.0000000}, {q[1] - p[1]:+0.0000000;-0.0000000}]");

// A central finite difference, $(L(z + h e_i) - L(z - h e_i)) / 2h$, agrees — an independent check
// that uses only the loss:

Notebook.Cell(25);
double LossAt(double[] z) => Losses.CrossEntropy(z, 2, p);
const double h = 1e-6;
double numeric0 = (LossAt([0.7 + h, 0.3]) - LossAt([0.7 - h, 0.3])) / (2 * h);
Console.WriteLine($"finite difference ∂L/∂z₀ = {numeric0:+0.0000000;-0.0000000}, analytic = {gradient[0]:+0.0000000;-0.0000000}");

// The gradient is positive for the over-predicted class and negative for the other: one
// gradient-descent step lowers z₀, raises z₁, moves q towards p and lowers the loss towards ln 2.

Notebook.Cell(27);
const double learningRate = 1.0;
double[] stepped = [logits[0] - learningRate * gradient[0], logits[1] - learningRate * gradient[1]];
Console.WriteLine($"after one step: z = [{stepped[0]:F4}, {stepped[1]:F4}], q = [{StableMath.Softmax(stepped)[0]:F4}, {StableMath.Softmax(stepped)[1]:F4}], loss = {LossAt(stepped):F6} nats (was {LossAt(logits):F6})");

// ## Exercises
//
// Each exercise has a cell that calls a check: write your answer where the cell says so and run it.
// The check says *solved*, *not solved yet* or *incorrect* with a hint; it never prints the answer.

// ### Exercise 3.1: Bits from nats
//
// One gradient-descent step above lowered the loss to 0.698271 nats. Convert that loss to bits
// yourself (one bit is ln 2 nats). How far above its floor of 1 bit is it now?

Notebook.Cell(30);
double crossEntropyBits = double.NaN; // your answer, in bits
// BEGIN SOLUTION
crossEntropyBits = LossAt(stepped) / Math.Log(2);               // nats / ln 2 = bits
// END SOLUTION
Display.Show(Exercises03.BitsFromNats(crossEntropyBits));

// ### Exercise 3.2: The best logits
//
// Which logits z minimise the loss for p = [0.5, 0.5]? Are they unique? (Hint: shift invariance.)
// Give one such z.

Notebook.Cell(32);
double[]? bestLogits = null; // your answer: two logits
// BEGIN SOLUTION
bestLogits = [0.0, 0.0];                                         // any z with z₀ = z₁ gives q = p
// END SOLUTION
Display.Show(Exercises03.BestLogits(bestLogits));

// ### Exercise 3.3: A hard label
//
// With p = [1, 0] (a hard label), compute the loss and the gradient with respect to the logits for
// z = [0.2, 1.4], logits that favour the wrong class. What is the floor of the loss now, and what
// happens to the loss as z₀ − z₁ → ∞?

Notebook.Cell(34);
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
// blog's z and p, and check it with a finite difference.

Notebook.Cell(36);
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
