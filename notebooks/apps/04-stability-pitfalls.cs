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

// The kernel-free edition of ../04-stability-pitfalls.ipynb ("4. Stability pitfalls: make it fail, then fix it"), as a .NET file-based app:
// `dotnet run 04-stability-pitfalls.cs` in this folder. Text outputs print as in the notebook; each chart is written
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
using System.Numerics.Tensors;
using MathNet.Numerics.Random;

Notebook.Start("../04-stability-pitfalls.ipynb");

// # 4. Stability pitfalls: make it fail, then fix it
//
// The formulas of notebooks 1–3 are correct mathematics, but a computer evaluates them in floating
// point, where numbers have a largest value, a smallest positive value and a limited number of
// digits. This notebook breaks each formula on purpose, shows exactly what comes out (∞, 0, NaN, or
// a silently wrong number), and then shows the fix.
//
// **What you will learn**
//
// - where `exp` overflows in `float` and in `double`, and why subtracting the maximum (the
//   *max-shift*) fixes softmax;
// - that .NET's own `TensorPrimitives.SoftMax` has this bug, and how to work around it;
// - how a probability underflows to 0 and turns its log into −∞, and why *log-softmax* and
//   *log-sum-exp* avoid it;
// - why binary cross-entropy should be computed from logits, not from a sigmoid, and what `log1p`
//   is for;
// - what clipping probabilities (Keras's ε) costs: a biased loss and a zero gradient;
// - why the source blog's advice to use `log10` "for numerical stability" changes nothing but the
//   unit;
// - how large the rounding error of `float` and `double` really is, measured against a 28-digit
//   reference.
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


// Two small helpers print vectors with a fixed number of decimals and compute a softmax with .NET's
// `TensorPrimitives` (used in section 2).

Notebook.Cell(5);
string Fmt<T>(IEnumerable<T> values, string format = "F6") where T : IFormattable =>
    "[" + string.Join(", ", values.Select(v => v.ToString(format, null))) + "]";

T[] PrimitivesSoftMax<T>(T[] x) where T : unmanaged, System.Numerics.IExponentialFunctions<T>
{
    var result = new T[x.Length];
    TensorPrimitives.SoftMax<T>(x, result);
    return result;
}

// ## 1. `exp` overflows
//
// Softmax turns logits x into probabilities:
//
// $$\sigma(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}} .$$
//
// Every floating-point type has a largest finite value, and $e^x$ exceeds it for a surprisingly
// small x. Find that x by computation: the largest integer whose exponential is still finite.

Notebook.Cell(7);
int lastFiniteFloat = Enumerable.Range(0, 1000).TakeWhile(n => float.IsFinite(MathF.Exp(n))).Last();
int lastFiniteDouble = Enumerable.Range(0, 1000).TakeWhile(n => double.IsFinite(Math.Exp(n))).Last();
Console.WriteLine($"float:  e^{lastFiniteFloat} = {MathF.Exp(lastFiniteFloat):G4}, e^{lastFiniteFloat + 1} = {MathF.Exp(lastFiniteFloat + 1)}");
Console.WriteLine($"double: e^{lastFiniteDouble} = {Math.Exp(lastFiniteDouble):G4}, e^{lastFiniteDouble + 1} = {Math.Exp(lastFiniteDouble + 1)}");

// The exact thresholds are the logarithms of the largest finite values: about 88.72 for `float`
// (float32, what GPUs and most neural-network code use) and 709.78 for `double`.

Notebook.Cell(9);
Console.WriteLine($"ln(float.MaxValue)  = ln({float.MaxValue:G4})  = {MathF.Log(float.MaxValue):F2}");
Console.WriteLine($"ln(double.MaxValue) = ln({double.MaxValue:G4}) = {Math.Log(double.MaxValue):F2}");

// A logit of 89 is not exotic: an unnormalised score from a large layer, or a logit divided by a
// small temperature, gets there easily. The textbook softmax then computes ∞ / ∞ = NaN for the
// largest entry — and the NaN spreads through everything computed from it. The library's
// `StableMath.Softmax` gives the right answer.

Notebook.Cell(11);
float[] big = [89, 88];
Console.WriteLine($"x = {Fmt(big, "F0")}");
Console.WriteLine($"Textbook.Softmax:   {Fmt(Textbook.Softmax<float>(big))}");
Console.WriteLine($"StableMath.Softmax: {Fmt(StableMath.Softmax<float>(big))}");

// ### The fix: subtract the maximum
//
// Notebook 3 showed that softmax is *shift-invariant*: it does not change when the same constant c
// is added to every logit, because $e^c$ cancels:
//
// $$\sigma(x + c)_i = \frac{e^{x_i} e^{c}}{\sum_j e^{x_j} e^{c}} = \sigma(x)_i .$$
//
// So choose $c = -\max x$. Then the largest exponential is exactly $e^0 = 1$ (no overflow), and the
// denominator is between 1 and n (no division by 0).

Notebook.Cell(13);
double[] z = [1, 2, 3];
Console.WriteLine($"Textbook.Softmax(z)            = {Fmt(Textbook.Softmax<double>(z))}");
Console.WriteLine($"Textbook.Softmax(z - max z)    = {Fmt(Textbook.Softmax<double>(z.Select(v => v - z.Max()).ToArray()))}");
Console.WriteLine($"Textbook.Softmax(z + 1000)     = {Fmt(Textbook.Softmax<double>(z.Select(v => v + 1000).ToArray()))}");
Console.WriteLine($"StableMath.Softmax(z + 1000)   = {Fmt(StableMath.Softmax<double>(z.Select(v => v + 1000).ToArray()))}");

// The shifted textbook formula and `StableMath.Softmax` agree with the unshifted one wherever it
// works, and keep working where it does not.
//
// ## 2. A real case: .NET's `TensorPrimitives.SoftMax`
//
// This is not a classroom bug. `System.Numerics.Tensors.TensorPrimitives.SoftMax`, the SIMD softmax
// that ships with .NET, exponentiates without subtracting the maximum. The library's
// `StableMath.Softmax` uses the same package's `Exp` and `Sum`, but shifts first.

Notebook.Cell(15);
var tensorsVersion = typeof(TensorPrimitives).Assembly
    .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
    .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion.Split('+')[0];
Console.WriteLine($"System.Numerics.Tensors {tensorsVersion}");
foreach (float[] x in new float[][] { [89, 88], [1000, 0], [-1000, -1001] })
    Console.WriteLine($"float  x = {Fmt(x, "F0"),-14} TensorPrimitives.SoftMax = {Fmt(PrimitivesSoftMax(x)),-22} StableMath.Softmax = {Fmt(StableMath.Softmax<float>(x))}");
double[] bigDouble = [710, 709];
Console.WriteLine($"double x = {Fmt(bigDouble, "F0"),-14} TensorPrimitives.SoftMax = {Fmt(PrimitivesSoftMax(bigDouble)),-22} StableMath.Softmax = {Fmt(StableMath.Softmax<double>(bigDouble))}");

// Three inputs, two mechanisms: at [89, 88] and [1000, 0] the first exponential **overflows** to ∞
// (∞ / ∞ = NaN); at [−1000, −1001] *both* exponentials **underflow** to 0 (0 / 0 = NaN). The
// correct answer for [89, 88] and [−1000, −1001] is the same, since the two logits differ by 1 in
// both.
//
// To see where the trouble starts, feed it x = [s, s − 1] for s from −120 to 120. The true first
// component is σ(1) for every s, because only the difference of the logits matters. NaN values have
// no position on a chart, so they show as **gaps** in the line.

Notebook.Cell(17);
double[] sValues = Enumerable.Range(0, 481).Select(i => -120 + 0.5 * i).ToArray();
double[] primitivesFirst = sValues.Select(s => (double)PrimitivesSoftMax(new[] { (float)s, (float)(s - 1) })[0]).ToArray();
double[] stableFirst = sValues.Select(s => (double)StableMath.Softmax<float>([(float)s, (float)(s - 1)])[0]).ToArray();
int firstNaNAboveZero = Array.FindIndex(primitivesFirst, Array.IndexOf(sValues, 0.0), double.IsNaN);
float smallestNormalFloat = BitConverter.Int32BitsToSingle(0x00800000); // 2^-126: below it a float is subnormal
Console.WriteLine($"s from {sValues[0]} to {sValues[^1]}; true first component sigma(1) = {1 / (1 + Math.Exp(-1)):F6}");
Console.WriteLine($"first NaN above s = 0 at s = {sValues[firstNaNAboveZero]:F1}");
Console.WriteLine($"smallest normal float {smallestNormalFloat:G3}; e^s is subnormal below s = ln of it = {Math.Log(smallestNormalFloat):F2}");
foreach (double s in new[] { 88.0, 88.5, -87, -88, -91, -98, -100, -102, -104 })
    Console.WriteLine($"s = {s,5:F1}: TensorPrimitives {primitivesFirst[Array.IndexOf(sValues, s)]:F6}, StableMath {stableFirst[Array.IndexOf(sValues, s)]:F6}");

// At s = 88.5 the sum $e^s + e^{s-1}$ already overflows to ∞ even though $e^s$ itself does not, so
// the result is 0.000000; from s = 89.0 on it is NaN. On the negative side it is worse than NaN.
// Below s = −87.34, $e^s$ is a *subnormal* float: smaller than the smallest normal float 2^−126 ≈
// 1.18E-38, it has lost digits, and the further below the fewer it keeps. At s = −88 the error is
// still invisible at six decimals, at s = −91 the result is already 0.731057 instead of 0.731059,
// and by s = −98 to −102 the function returns **silently wrong** values such as 0.800000 — no NaN
// to warn you — until at s = −104 both exponentials are 0 and the NaN comes back. The chart shows
// each function in its own panel, so nothing hides the gaps (NaN) or the wrong values:

Notebook.Cell(19);
Display.Show(Chart.Grid(new[]
    {
        ChartStyle.Line(sValues, primitivesFirst, "TensorPrimitives.SoftMax (float)", colour: 3),
        ChartStyle.Line(sValues, stableFirst, "StableMath.Softmax (float)", colour: 0),
    }, 2, 1)
    .Styled(".NET's TensorPrimitives.SoftMax fails at both ends; the max-shifted softmax does not", "s, with logits x = [s, s − 1]", "first component (probability)")
    .WithAxisTitle("xaxis2", "s, with logits x = [s, s − 1]")
    .WithAxisTitle("yaxis2", "first component (probability)"));

// Until it is fixed upstream, the workaround is the max-shift from section 1, done with the
// package's own primitives before calling `SoftMax`:

Notebook.Cell(21);
float[] logits = [89, 88];
var shifted = new float[logits.Length];
TensorPrimitives.Subtract(logits, TensorPrimitives.Max(logits), shifted);
Console.WriteLine($"TensorPrimitives.SoftMax(x - max x) = {Fmt(PrimitivesSoftMax(shifted))}");

// ## 3. Underflow: a probability of 0, and log 0 = −∞
//
// At the other end, $e^x$ for very negative x is smaller than the smallest positive number and
// rounds to exactly 0.

Notebook.Cell(23);
Console.WriteLine($"smallest positive double: {double.Epsilon:G3}; Math.Exp(-745) = {Math.Exp(-745):G3}; Math.Exp(-746) = {Math.Exp(-746)}");
Console.WriteLine($"smallest positive float:  {float.Epsilon:G3}; MathF.Exp(-103) = {MathF.Exp(-103):G3}; MathF.Exp(-104) = {MathF.Exp(-104)}");

// The max-shift cures overflow, but it cannot help a probability that is genuinely too small to
// represent. For logits [1000, 1], the second probability is e^−999, far below the smallest double,
// so even a stable softmax returns exactly 0:

Notebook.Cell(25);
Console.WriteLine($"StableMath.Softmax([1000, 1]) = {Fmt(StableMath.Softmax<double>([1000, 1]), "R")}");

// That 0 is harmless as a probability but fatal inside a loss: cross-entropy needs log q, and log 0
// = −∞. If class 1 were the true class, the loss −log q₁ would be +∞. The fix is to never form the
// probability: compute the **log-softmax** directly,
//
// $$\log \sigma(x)_i = x_i - \operatorname{LSE}(x), \qquad \operatorname{LSE}(x) = \log \sum_j e^{x_j} = m + \log \sum_j e^{x_j - m},\ m = \max x .$$
//
// This is SciPy's documented example: `log(softmax([1000, 1]))` is [0, −inf] while
// `log_softmax([1000, 1])` is [0, −999].

Notebook.Cell(27);
Console.WriteLine($"Textbook.LogOfSoftmax([1000, 1]) = {Fmt(Textbook.LogOfSoftmax<double>([1000, 1]), "F0")}  (log of a stable softmax)");
Console.WriteLine($"StableMath.LogSoftmax([1000, 1]) = {Fmt(StableMath.LogSoftmax<double>([1000, 1]), "F0")}");
Console.WriteLine($"loss if class 1 is the true class: {-Textbook.LogOfSoftmax<double>([1000, 1])[1]} vs {-StableMath.LogSoftmax<double>([1000, 1])[1]:F0}");

// The log-sum-exp LSE(x) is the building block. Computed literally, it overflows or underflows
// exactly like softmax; with the max-shift it is fine. For two equal logits a, LSE = a + ln 2; and
// SciPy documents `logsumexp(arange(10))` as 9.4586297444267107.

Notebook.Cell(29);
foreach (double[] x in new double[][] { [1000, 1000], [-1000, -1000], Enumerable.Range(0, 10).Select(i => (double)i).ToArray() })
    Console.WriteLine($"x = {Fmt(x, "F0"),-36} Textbook.LogSumExp = {Textbook.LogSumExp<double>(x),-10:F4} StableMath.LogSumExp = {StableMath.LogSumExp<double>(x):F10}");
Console.WriteLine($"1000 + ln 2 = {1000 + Math.Log(2):F10}");
double scipyLogSumExp = 9.4586297444267107; // SciPy's documented logsumexp(arange(10))
Console.WriteLine($"SciPy: {scipyLogSumExp:G17}; agrees with StableMath.LogSumExp within 1e-14: {Math.Abs(StableMath.LogSumExp<double>(Enumerable.Range(0, 10).Select(i => (double)i).ToArray()) - scipyLogSumExp) < 1e-14}");

// ## 4. Binary cross-entropy: on a sigmoid, or from logits?
//
// A binary classifier outputs one logit x; its probability is the sigmoid σ(x) = 1 / (1 + e^−x),
// and with target t ∈ {0, 1}
//
// $$\ell(x, t) = -\left[t \log \sigma(x) + (1 - t) \log(1 - \sigma(x))\right] .$$
//
// The trouble is 1 − σ(x): for large x, σ(x) is so close to 1 that it rounds to exactly 1. The
// textbook formula 1 / (1 + e^−x) gives exactly 1 as soon as 1 + e^−x rounds to 1, that is once
// e^−x is at most half the gap between 1 and the next number up: 2^−53 in `double` and 2^−24 in
// `float`. So σ(x) is 1 from x = 53 ln 2 in double and from x = 24 ln 2 in float:

Notebook.Cell(31);
double doubleThreshold = 53 * Math.Log(2);                   // e^−x = 2^−53
float floatThreshold = 24 * MathF.Log(2);                      // e^−x = 2^−24
Console.WriteLine($"double: 53 ln 2 = {doubleThreshold:F2}; sigmoid(36.73) = {Textbook.Sigmoid(36.73):R}, sigmoid(36.75) = {Textbook.Sigmoid(36.75):R}");
Console.WriteLine($"float:  24 ln 2 = {floatThreshold:F2}; sigmoid(16.63) = {Textbook.Sigmoid(16.63f):R}, sigmoid(16.64) = {Textbook.Sigmoid(16.64f):R}");
int sigmoidOneDouble = Enumerable.Range(0, 100).First(x => Textbook.Sigmoid((double)x) == 1.0);
int sigmoidOneFloat = Enumerable.Range(0, 100).First(x => Textbook.Sigmoid((float)x) == 1.0f);
Console.WriteLine($"the first integers past them: x = {sigmoidOneDouble} in double and x = {sigmoidOneFloat} in float");

// From there on, log(1 − σ(x)) = log 0 = −∞. Rewriting the loss in terms of the logit removes the
// subtraction. One line of algebra gives the identity behind it:
//
// $$1 - \sigma(x) = 1 - \frac{1}{1 + e^{-x}} = \frac{e^{-x}}{1 + e^{-x}} = e^{-x}\,\sigma(x), \qquad\text{so}\qquad \log(1 - \sigma(x)) = \log \sigma(x) - x ,$$
//
// and the loss becomes
//
// $$\ell(x, t) = (1 - t)\,x - \log \sigma(x), \qquad -\log \sigma(x) = \log(1 + e^{-x}) = \operatorname{softplus}(-x) = \max(-x, 0) + \operatorname{log1p}(e^{-|x|}) .$$
//
// (The last step takes $\max(-x, 0)$ out of the logarithm, so that the exponential left inside,
// $e^{-|x|}$, is at most 1 and cannot overflow.) **log1p** is log(1 + u) computed without forming 1
// + u. For a tiny u the sum 1 + u rounds to a nearby double and throws away most of u's digits, or
// all of them once u is below half an ulp of 1; log1p keeps them, which is what keeps the loss of a
// confident, correct prediction (about e^−x) accurate. A number shows it (the library's
// `StableMath.LogP1`; .NET's own `double.LogP1` is the naive log(1 + u), no better):

Notebook.Cell(33);
double u = 1e-10;                                              // log(1 + u) = u − u²/2 + … = 9.9999999995e-11
Console.WriteLine($"Math.Log(1 + u)     = {Math.Log(1 + u):R}");
Console.WriteLine($"double.LogP1(u)     = {double.LogP1(u):R}");
Console.WriteLine($"StableMath.LogP1(u) = {StableMath.LogP1(u):R}");
Console.WriteLine($"relative error of Math.Log(1 + u): {Math.Abs(Math.Log(1 + u) - StableMath.LogP1(u)) / StableMath.LogP1(u):E1}");
Console.WriteLine($"u = e^-40: Math.Log(1 + u) = {Math.Log(1 + Math.Exp(-40)):R}, StableMath.LogP1(u) = {StableMath.LogP1(Math.Exp(-40)):G6}");

// The naive log(1 + 1e-10) has a relative error of 8.3E-008, half of double's digits gone, and at u
// = e^−40 it returns 0. Computed from logits, the loss is finite for every finite x. This is
// PyTorch's `binary_cross_entropy_with_logits`, here `Losses.BinaryCrossEntropyWithLogits`.
// PyTorch's *other* loss, `BCELoss` on probabilities (`Losses.BinaryCrossEntropy`), patches the
// problem differently: it clamps each log at −100. For target t = 0 the exact loss is softplus(x),
// which is almost exactly x for large x:

Notebook.Cell(35);
int[] xs = [30, 35, 36, 37, 40, 150];
Display.Show(new TableView(
    ["x", "on sigmoid (textbook)", "from logits", "on probabilities, clamped at -100"],
    xs.Select(x => (IReadOnlyList<object?>)new object?[]
    {
        x,
        Textbook.BinaryCrossEntropyOfSigmoid((double)x, 0.0),
        Losses.BinaryCrossEntropyWithLogits<double>([x], [0.0]),
        Losses.BinaryCrossEntropy<double>([StableMath.Sigmoid((double)x)], [0.0]),
    }).ToArray(),
    Title: "binary cross-entropy for target t = 0 (nats)"));

// Three lessons in one table. The textbook loss is **wrong before it is infinite**: at x = 36 it
// gives 36.0437 instead of 36.0000. σ(36) itself is correctly rounded; the damage is done by the
// subtraction 1 − σ(36), which *cancels*: σ(36) lies within a few units of double's resolution of
// 1, so their difference keeps only the rounding error of σ (next cell). At x = 37, past 53 ln 2,
// it is ∞. The clamp keeps the value finite, but at 100, whatever the truth: 100.0000 at x = 37 and
// also at x = 150. Only the loss from logits is right everywhere. The chart shows the whole range,
// one computation per panel (the ∞ values are gaps):

Notebook.Cell(37);
double sigma36 = Textbook.Sigmoid(36.0);
double exactOneMinus = Math.Exp(-36) / (1 + Math.Exp(-36));                   // 1 − σ(x) = σ(−x), no subtraction
Console.WriteLine($"sigma(36)                     = {sigma36:R}; 1 - 2^-52 = {1 - Math.Pow(2, -52):R}");
Console.WriteLine($"1 - sigma(36), subtracted     = {1 - sigma36:G6}");
Console.WriteLine($"1 - sigma(36) = sigma(-36)    = {exactOneMinus:G6}");
Console.WriteLine($"relative error of the subtraction: {Math.Abs((1 - sigma36) - exactOneMinus) / exactOneMinus:P1}");

Notebook.Cell(38);
double[] xGrid = Enumerable.Range(0, 401).Select(i => -50 + 0.25 * i).ToArray();
Display.Show(Chart.Grid(new[]
    {
        ChartStyle.Line(xGrid, xGrid.Select(x => Textbook.BinaryCrossEntropyOfSigmoid(x, 0.0)).ToArray(), "on sigmoid, textbook (∞ beyond x = 53 ln 2: gap)", colour: 3),
        ChartStyle.Line(xGrid, xGrid.Select(x => Losses.BinaryCrossEntropy<double>([StableMath.Sigmoid(x)], [0.0])).ToArray(), "on probabilities, log clamped at −100", colour: 1),
        ChartStyle.Line(xGrid, xGrid.Select(x => Losses.BinaryCrossEntropyWithLogits<double>([x], [0.0])).ToArray(), "from logits", colour: 2),
    }, 3, 1)
    .Styled("Binary cross-entropy for target t = 0, three ways (one panel each)", "logit x", "BCE (nats)", height: 720)
    .WithAxisTitle("xaxis2", "logit x").WithAxisTitle("yaxis2", "BCE (nats)")
    .WithAxisTitle("xaxis3", "logit x").WithAxisTitle("yaxis3", "BCE (nats)"));

// With target t = 1 a saturated sigmoid is even worse: the textbook formula multiplies (1 − t) = 0
// by log 0 = −∞, which is NaN — for a prediction that is confidently *right*.

Notebook.Cell(40);
Console.WriteLine($"x = 37, t = 1: on sigmoid = {Textbook.BinaryCrossEntropyOfSigmoid(37.0, 1.0)}, from logits = {Losses.BinaryCrossEntropyWithLogits<double>([37.0], [1.0]):G3}");

// ## 5. Clipping: a biased last resort
//
// Keras's cross-entropy losses take probabilities by default. A typical Keras model ends in a
// softmax layer, and then the clip below never runs: the softmax output carries the logits it came
// from, and the loss uses those, the stable route of section 3. Only probabilities that come
// without their logits (computed some other way, or loaded from elsewhere) go the literal way, and
// Keras first *clips* them to [ε, 1 − ε] with ε = 1e-7:
//
// $$H_\varepsilon(p, q) = -\sum_i p_i \log\big(\operatorname{clip}(q_i, \varepsilon, 1 - \varepsilon)\big) .$$
//
// That keeps every log finite, but changes the value. Take a one-hot p = [1, 0] and let π be the
// probability the model gives the true class. The exact loss is −ln π; the clipped one can never
// exceed −ln ε.

Notebook.Cell(42);
double eps = 1e-7;
Console.WriteLine($"epsilon = {eps:0e-0}; largest clipped loss -ln(epsilon) = {-Math.Log(eps):F4}");
foreach (double pi in new[] { 1e-12, 1e-9, 1e-7, 1e-3 })
    Console.WriteLine($"pi = {pi,-6:0e-0} exact = {Information.CrossEntropy([1, 0], [pi, 1 - pi]),-8:F4} clipped = {Textbook.ClippedCrossEntropy<double>([1, 0], [pi, 1 - pi], eps):F4}");
Console.WriteLine($"pi = 1      exact = {Information.CrossEntropy([1, 0], [1, 0]):F4}   clipped = {Textbook.ClippedCrossEntropy<double>([1, 0], [1, 0], eps):0.00e-0}");

// A model that gives the true class a probability of 1e-12 is charged 16.1181 nats instead of
// 27.6310; and a perfect prediction (π = 1) is charged 1.00e-7 instead of 0, because 1 is clipped
// to 1 − ε. On a log axis the clipped curve is flat below ε:

Notebook.Cell(44);
double[] piGrid = Enumerable.Range(0, 121).Select(i => Math.Pow(10, -12 + i / 10.0)).ToArray();
Display.Show(Chart.Combine(new[]
{
    ChartStyle.Line(piGrid, piGrid.Select(p => Information.CrossEntropy([1, 0], [p, 1 - p])).ToArray(), "exact −ln π", colour: 0),
    ChartStyle.Line(piGrid, piGrid.Select(p => Textbook.ClippedCrossEntropy<double>([1, 0], [p, 1 - p])).ToArray(), "clipped, ε = 1e-7", colour: 1, dash: Plotly.NET.StyleParam.DrawingStyle.Dash),
})
.Styled("Clipping makes the loss flat below ε: no gradient there", "π = probability of the true class", "cross-entropy (nats)", logX: true));

// Flat means **zero gradient**: below ε, making the prediction better or worse does not change the
// clipped loss, so training gets no signal to repair exactly the examples it gets most wrong. A
// central difference shows it:

Notebook.Cell(46);
double Slope(Func<double, double> f, double at) => (f(at * 1.001) - f(at * 0.999)) / (0.002 * at);
double Exact(double pi) => Information.CrossEntropy([1, 0], [pi, 1 - pi]);
double Clipped(double pi) => Textbook.ClippedCrossEntropy<double>([1, 0], [pi, 1 - pi]);
foreach (double pi in new[] { 1e-9, 1e-3 })
    Console.WriteLine($"at pi = {pi:0e-0}: d(exact)/d(pi) = {Slope(Exact, pi):G4}, d(clipped)/d(pi) = {Slope(Clipped, pi):G4}");

// Clipping is still useful as a guard on probabilities you did not compute yourself. But when you
// have the logits, compute the loss from them (section 3 and 4): no clipping, no bias, the right
// gradient.
//
// ## 6. The blog's `log10` "fix" changes only the unit
//
// The source blog's FAQ says, word for word:
//
// > 交叉熵的计算稳定性较好，但在实际应用中，我们需要注意计算过程中的数值稳定性。例如，在计算交叉熵时，我们可以使用对数的浮点版本（np.log10）而不是直接使用对数的自然版本（np.log）来提高数值稳定性。
//
// ("The computation of cross-entropy is fairly stable (稳定性较好), but in practice we need to watch
// numerical stability during the computation. For example, when computing cross-entropy we can use
// the floating-point version of the logarithm (np.log10) instead of the natural version (np.log) to
// improve numerical stability.") Both halves are wrong: the textbook computation is not stable
// (sections 1–5), and np.log10 is no more a "floating-point version" than np.log. A different base
// only rescales every logarithm by the same constant:
//
// $$\log_{10} q = \frac{\ln q}{\ln 10} \quad\Longrightarrow\quad -\sum_i p_i \log_{10} q_i = \frac{H(p, q)}{\ln 10} .$$
//
// On the blog's own example, p = [0.5, 0.5] and q = softmax([0.7, 0.3]):

Notebook.Cell(48);
double[] pBlog = [0.5, 0.5];
double[] qBlog = StableMath.Softmax<double>([0.7, 0.3]);
double ceLn = Textbook.CrossEntropy<double>(pBlog, qBlog);
double ceLog10 = Textbook.CrossEntropyLog10<double>(pBlog, qBlog);
Console.WriteLine($"p = {Fmt(pBlog, "F1")}, q = softmax([0.7, 0.3]) = {Fmt(qBlog)}");
Console.WriteLine($"with ln:    {ceLn:F10} nats");
Console.WriteLine($"with log10: {ceLog10:F10}; ratio = {ceLn / ceLog10:F12}, ln 10 = {Math.Log(10):F12}");
Console.WriteLine($"ratio - ln 10 = {ceLn / ceLog10 - Math.Log(10):G3}; spacing of doubles near ln 10 = {Math.BitIncrement(Math.Log(10)) - Math.Log(10):G3}");
Console.WriteLine($"Information.CrossEntropy(p, q, Hartleys) = {Information.CrossEntropy(pBlog, qBlog, InformationUnit.Hartleys):F10}");

// The log10 value is the same cross-entropy, 0.7130152524 nats, expressed in **hartleys** (1
// hartley = ln 10 nats). The ratio is ln 10 up to rounding, at most an **ulp** or so (*unit in the
// last place*, notebook 3: the gap between a floating-point number and the next one, here about
// 4.4e-16); on this example it is ln 10 exactly. It cannot be more stable, because every failure of
// ln is a failure of log10 too:

Notebook.Cell(50);
Console.WriteLine($"q has a 0 where p > 0:   ln -> {Textbook.CrossEntropy<double>([0.5, 0.5], [1.0, 0.0])}, log10 -> {Textbook.CrossEntropyLog10<double>([0.5, 0.5], [1.0, 0.0])}");
Console.WriteLine($"0 * log 0 (p = q = [1, 0]): ln -> {Textbook.CrossEntropy<double>([1.0, 0.0], [1.0, 0.0])}, log10 -> {Textbook.CrossEntropyLog10<double>([1.0, 0.0], [1.0, 0.0])}, with the 0 log 0 = 0 convention -> {Information.CrossEntropy([1.0, 0.0], [1.0, 0.0])}");
Console.WriteLine($"q from an overflowing softmax of [1000, 0]: log10 -> {Textbook.CrossEntropyLog10<double>([0.5, 0.5], Textbook.Softmax<double>([1000, 0]))}");
Console.WriteLine($"Math.Log(0) = {Math.Log(0)}, Math.Log10(0) = {Math.Log10(0)}");

// The real fixes are the ones in this notebook: the max-shift and log-sum-exp, log-softmax, losses
// computed from logits, log1p and log-sigmoid, and the convention 0 · log 0 = 0.
//
// ## 7. How large is the rounding error? `float` vs `double` vs a 28-digit reference
//
// Even a stable formula rounds. To measure by how much, the library has `HighPrecision`, which
// recomputes cross-entropy in `decimal` as $\sum p_i (\mathrm{LSE}(z) - z_i)$; its constant ln 2
// shows how many digits `decimal` carries:

Notebook.Cell(52);
Console.WriteLine($"HighPrecision.Ln2 = {HighPrecision.Ln2} ({HighPrecision.Ln2.ToString().Length - 2} digits)");
Console.WriteLine($"Math.Log(2)       = {Math.Log(2):R} ({Math.Log(2).ToString("R").Length - 2} digits, a double)");

// The experiment: one seeded random logit vector z over 10 classes, scaled by s from 1 to 10000,
// with class 0 as the true class. At each s, three computations see exactly the same inputs (the
// scaled logits rounded to `float`, then widened to `double` for the others):
//
// - `Losses.CrossEntropy<float>` and `Losses.CrossEntropy<double>` — stable, from logits;
// - the naive pipeline in `float`: `Textbook.Softmax`, then −log of the true class's probability.

Notebook.Cell(54);
const int classes = 10, trueClass = 0;
double[] direction = MathNet.Numerics.Distributions.Normal.Samples(new MersenneTwister(42), 0, 1).Take(classes).ToArray();
double[] oneHot = new double[classes]; oneHot[trueClass] = 1;
Console.WriteLine($"{classes} classes, z = {Fmt(direction, "F4")}");
Console.WriteLine($"true class {trueClass}; the model's favourite is class {Array.IndexOf(direction, direction.Max())}");

// Relative error |computed − reference| / reference for each s:

Notebook.Cell(56);
double[] scales = Enumerable.Range(0, 121).Select(i => Math.Pow(10, i / 30.0)).ToArray();
double RelativeError(double computed, decimal reference) =>
    double.IsFinite(computed) ? (double)(Math.Abs(HighPrecision.ToDecimal(computed) - reference) / reference) : double.NaN;
var errFloat = new double[scales.Length]; var errDouble = new double[scales.Length]; var errNaive = new double[scales.Length];
var naiveLoss = new float[scales.Length];
for (int k = 0; k < scales.Length; k++)
{
    float[] zf = direction.Select(v => (float)(scales[k] * v)).ToArray();
    double[] zd = zf.Select(v => (double)v).ToArray();
    decimal reference = HighPrecision.CrossEntropyFromLogits(oneHot, zd);
    errFloat[k] = RelativeError(Losses.CrossEntropy<float>(zf, classes, [trueClass]), reference);
    errDouble[k] = RelativeError(Losses.CrossEntropy<double>(zd, classes, [trueClass]), reference);
    naiveLoss[k] = -MathF.Log(Textbook.Softmax<float>(zf)[trueClass]);
    errNaive[k] = RelativeError(naiveLoss[k], reference);
}
int naiveFails = Array.FindIndex(naiveLoss, v => !float.IsFinite(v));
Console.WriteLine($"s from {scales[0]} to {scales[^1]}, {scales.Length} values");
Console.WriteLine($"naive float pipeline: first non-finite loss at s = {scales[naiveFails]:F2} ({naiveLoss[naiveFails]}); relative error one step before, at s = {scales[naiveFails - 1]:F2}: {errNaive[naiveFails - 1]:0.0E+00}");
Console.WriteLine($"stable float:  every relative error below float's epsilon 2^{Math.Log2(MathF.BitIncrement(1f) - 1f)}: {errFloat.All(e => e < MathF.BitIncrement(1f) - 1f)}");
Console.WriteLine($"stable double: every relative error below double's epsilon 2^{Math.Log2(Math.BitIncrement(1.0) - 1.0)}: {errDouble.All(e => e < Math.BitIncrement(1.0) - 1.0)}");

Notebook.Cell(57);
// A slider that needs no kernel: the ten probabilities at a few of the scales s above, all computed now. Drag s past 50.
int[] sliderScales = [0, 15, 30, 45, 48, 50, 51, 60, 75, 90, 120];   // indices into scales
double[] classAxis = Enumerable.Range(0, classes).Select(c => (double)c).ToArray();
double[] Drawable(float[] probabilities) => probabilities.Select(v => v > 0 ? v : double.NaN).ToArray();   // log axis: 0 is a gap
Display.Show(ChartSlider.Over("s", sliderScales, k =>
    {
        float[] zk = direction.Select(v => (float)(scales[k] * v)).ToArray();
        float[] naive = Textbook.Softmax<float>(zk);
        return Chart.Combine(new[]
        {
            ChartStyle.Line(classAxis, Drawable(StableMath.Softmax<float>(zk)), "StableMath.Softmax<float>", colour: 0, markers: true),
            ChartStyle.Line(classAxis, Drawable(naive), "naive float, Textbook.Softmax<float>" + (naive.All(float.IsFinite) ? "" : ": NaN"),
                colour: 3, dash: Plotly.NET.StyleParam.DrawingStyle.Dash),
        });
    }, label: k => scales[k].ToString(scales[k] < 1000 ? "G3" : "F0", System.Globalization.CultureInfo.InvariantCulture), active: 4)
    .Styled("Drag s: the naive float softmax agrees with the stable one until exp overflows, then it is NaN",
        "class", "probability", logY: true, yRange: (-46.0, 0.5)));

// On log–log axes (an error of exactly 0 has no logarithm, and the naive pipeline's ∞ has no error,
// so both show as gaps):

Notebook.Cell(59);
double[] Visible(double[] errors) => errors.Select(e => e == 0 ? double.NaN : e).ToArray();   // log axis: an exact 0 is a gap
Display.Show(Chart.Combine(new[]
{
    ChartStyle.Line(scales, Visible(errFloat), "Losses.CrossEntropy<float>", colour: 0, markers: true),
    ChartStyle.Line(scales, Visible(errDouble), "Losses.CrossEntropy<double>", colour: 2, markers: true),
    // Drawn last and dashed: where it has the stable float loss's very errors (most s below 50), both stay visible.
    ChartStyle.Line(scales, Visible(errNaive), "naive float: softmax, then log", colour: 3, dash: Plotly.NET.StyleParam.DrawingStyle.Dash),
})
.Styled("Relative error of the cross-entropy as the logits grow", "logit scale s", "relative error vs 28-digit reference", logX: true, logY: true));

// What the chart says:
//
// - The stable `float` loss keeps a relative error below float's epsilon (2^-23, the gap between 1
//   and the next float) at every scale, the `double` loss below double's (2^-52). Neither gets
//   worse as the logits grow. At the largest scales the other classes' terms are below the rounding
//   level and the loss is just $z_{\max} - z_0$. Some of those results are exact (an error of 0 has
//   no logarithm: the gaps in the lower curves); the others still carry tiny nonzero errors, the
//   markers that remain, some far below the epsilon: what the rounding leaves out, the other
//   classes' terms, shrinks as s grows.
// - The naive `float` pipeline is as accurate as the stable one while it works — and then it does
//   not work at all: ∞ from s = 50.12. Just before, its error jumps to 3.7E-05, as the true class's
//   probability becomes a subnormal number with few digits left.
//
// The difference in accuracy between `float` and `double` rarely matters for training (the noise of
// stochastic gradients is far larger); ∞ and NaN always do.
//
// ## 8. Summary
//
// In one sentence: shift by the maximum before any `exp`, stay in the log domain, and compute
// losses from logits.

Notebook.Cell(61);
Display.Show(new TableView(
    ["pitfall", "symptom", "fix"],
    [
        ["exp overflow (x > 88.72 float, 709.78 double)", "inf / inf = NaN in softmax", "max-shift: softmax(x - max x); log-sum-exp"],
        ["TensorPrimitives.SoftMax (no shift)", "NaN, or silently wrong values", "subtract TensorPrimitives.Max first; StableMath.Softmax"],
        ["probability underflows to 0", "log 0 = -inf, loss inf", "log-softmax: x - LSE(x), never log(softmax)"],
        ["BCE on a saturated sigmoid", "inf (t = 0), NaN (t = 1), wrong before that", "BCE with logits: (1 - t) x + softplus(-x), log1p / log-sigmoid"],
        ["0 * log 0 in entropy / CE", "NaN", "the convention 0 log 0 = 0 (skip p_i = 0)"],
        ["clipping to [eps, 1 - eps]", "finite but biased; zero gradient below eps", "a last resort; prefer losses from logits"],
        ["clamping log at -100 (BCELoss)", "finite but capped at 100", "a last resort; prefer losses from logits"],
        ["log10 instead of ln (the blog)", "same failures, different unit", "not a fix: use the fixes above"],
    ],
    Title: "Stability pitfalls and their fixes"));

// ## Exercises
//
// Each exercise has a cell that calls a check: write your answer where the cell says so and run it.
// The check says *solved*, *not solved yet* or *incorrect* with a hint; it never prints the answer.
// Where the answer is a count or a floating-point result, the check is exact: the neighbouring
// float, or a count one off, is a different, wrong answer.

// ### Exercise 4.1: The float threshold, exactly
//
// Section 1 found the largest *integer* with a finite `MathF.Exp`, 88: the threshold lies between
// 88 and 89. How many floats x ≥ 88 have a finite `MathF.Exp(x)`? Step from 88 to the next float
// with `MathF.BitIncrement` and count, 88 included. Then compare the last of them with
// ln(`float.MaxValue`) as `MathF.Log` computes it. The check wants the exact count.

Notebook.Cell(64);
double finiteFloatsFrom88 = double.NaN; // your answer: how many floats x ≥ 88 have a finite MathF.Exp(x)
// BEGIN SOLUTION
float largestFinite = 88f;                                        // finite (section 1)
int finiteCount = 1;
while (float.IsFinite(MathF.Exp(MathF.BitIncrement(largestFinite)))) { largestFinite = MathF.BitIncrement(largestFinite); finiteCount++; }
finiteFloatsFrom88 = finiteCount;
Console.WriteLine($"the last of them: {largestFinite:R}; MathF.Log(float.MaxValue) = {MathF.Log(float.MaxValue):R}, its MathF.Exp = {MathF.Exp(MathF.Log(float.MaxValue))}");
// END SOLUTION
Display.Show(Exercises04.FloatThreshold(finiteFloatsFrom88));

// ### Exercise 4.2: Your own stable softmax
//
// Using only `TensorPrimitives.Max`, `Subtract`, `Exp`, `Sum` and `Divide`, write a `float` softmax
// that gives the same result as `StableMath.Softmax` on [89, 88], [1000, 0] and [−1000, −1001]. The
// check runs your function and accepts each probability within a relative 4 · 2^−23 (about 4 float
// ulps) of the library's.

Notebook.Cell(66);
Func<float[], float[]>? mySoftmax = null; // your answer: a function
// BEGIN SOLUTION
mySoftmax = x =>
{
    var result = new float[x.Length];
    TensorPrimitives.Subtract(x, TensorPrimitives.Max(x), result);  // max-shift: the largest exponent is 0
    TensorPrimitives.Exp(result, result);
    TensorPrimitives.Divide(result, TensorPrimitives.Sum(result), result);
    return result;
};
// END SOLUTION
Display.Show(Exercises04.StableSoftmax(mySoftmax));

// ### Exercise 4.3: The other side of the sigmoid
//
// For target t = 1 the textbook loss is −log σ(x), and the true loss is finite for every x (about
// −x for very negative x). At how many of the integers x = −1000, −999, …, 0 is
// `Textbook.BinaryCrossEntropyOfSigmoid(x, 1.0)` ∞ in `double`? Count them by computation (the
// check wants the exact count). Then explain which operation produces the ∞, and why
// `Losses.BinaryCrossEntropyWithLogits` returns −x there.

Notebook.Cell(68);
double infiniteCount = double.NaN; // your answer: how many of the integers −1000 … 0 give ∞
// BEGIN SOLUTION
int[] integers = Enumerable.Range(-1000, 1001).ToArray();
infiniteCount = integers.Count(x => double.IsPositiveInfinity(Textbook.BinaryCrossEntropyOfSigmoid((double)x, 1.0)));
double largestInfinite = integers.Last(x => double.IsPositiveInfinity(Textbook.BinaryCrossEntropyOfSigmoid((double)x, 1.0)));
Console.WriteLine($"∞ from x = {largestInfinite} down: e^-x = {Math.Exp(-largestInfinite)}, so sigma(x) = {Textbook.Sigmoid(largestInfinite)}; from logits: {Losses.BinaryCrossEntropyWithLogits<double>([largestInfinite], [1.0])}");
// From logits the loss is softplus(−x) = max(−x, 0) + log1p(e^−|x|): e^−|x| underflows harmlessly to 0, leaving −x.
// END SOLUTION
Display.Show(Exercises04.SigmoidInfinity(infiniteCount));

// ### Exercise 4.4: Clipping in float
//
// In `float`, what is 1 − 1e-7? Compute the clipped loss of a perfect prediction,
// `Textbook.ClippedCrossEntropy<float>([1, 0], [1, 0])`, and explain why it is not 1.00e-7 as in
// `double`. Give the float itself: the check is exact, to the last bit.

Notebook.Cell(70);
float clippedPerfect = float.NaN; // your answer
// BEGIN SOLUTION
float oneMinusEpsilon = 1f - 1e-7f;
Console.WriteLine($"in float: 1 - 1e-7 = {oneMinusEpsilon:R}, that is 1 - {1f - oneMinusEpsilon:G3}; floats just below 1 are {1f - MathF.BitDecrement(1f):G3} apart");
clippedPerfect = Textbook.ClippedCrossEntropy<float>([1, 0], [1, 0]);   // −ln(1 − ε) with 1 − ε rounded to float
// END SOLUTION
Display.Show(Exercises04.ClippingInFloat(clippedPerfect));

// --- **Previous:** [3. The blog's softmax example](03-softmax-example.ipynb) · **Next:** [5.
// Cross-entropy at work](05-training-a-classifier.ipynb) · Back to the [course
// map](00-start-here.ipynb)
