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

// The kernel-free edition of ../01-entropy.ipynb ("1. Entropy: how surprised should you be?"), as a .NET file-based app:
// `dotnet run 01-entropy.cs` in this folder. Text outputs print as in the notebook; each chart is written
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
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

Notebook.Start("../01-entropy.ipynb");

// # 1. Entropy: how surprised should you be?
//
// Cross-entropy is built from one idea of information theory: **an unlikely outcome carries more
// information than a likely one**. This notebook makes that idea precise and computes it in C#.
//
// **What you will learn**
//
// - the *surprisal* −log p of a single outcome, why it is a logarithm (information of independent
//   events adds), and why its unit (bits or nats) is just the base of the logarithm;
// - *entropy* H(p) as the average surprisal of a distribution, and the convention 0 · log 0 = 0;
// - why a fair coin is the most uncertain coin, and why the uniform distribution over k outcomes
//   has the largest entropy, log k;
// - how to check the library against an independent implementation (MathNet.Numerics), and what
//   that check reveals;
// - why the numbers p(i) in this tutorial are *probability masses*, not "probability densities" as
//   the source blog calls them.
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


// ## Surprisal: information in one outcome
//
// If an outcome has probability p, observing it carries the *surprisal*
//
// $$I(p) = -\log p .$$
//
// A certain outcome (p = 1) tells you nothing; a rare one tells you a lot; an impossible one (p =
// 0) would be infinitely surprising. With log base 2 the unit is the **bit**: one fair coin flip is
// exactly one bit.
//
// **Why a logarithm?** Ask what a measure of information I(p) should do. It should fall as p grows
// (likely news is less news), and it should **add for independent events**: learning the outcome of
// a die roll and of a coin flip, which happen together with probability (1/6)·(1/2) = 1/12, should
// tell you the information of the roll plus that of the flip. So I(p·r) = I(p) + I(r) for all p, r.
// A function that turns products into sums is a logarithm: the continuous solutions of this
// equation are exactly I(p) = −c · log p with c > 0, and the constant c (equivalently the base of
// the log) only chooses the unit.

Notebook.Cell(5);
foreach (var p in new[] { 1.0, 0.5, 0.25, 1.0 / 6, 0.01, 0.0 })
    Console.WriteLine($"p = {p,-8:G4} surprisal = {Information.Surprisal(p, InformationUnit.Bits),8:F4} bits");

// Additivity in numbers: the surprisal of the joint outcome equals the sum of the two surprisals.

Notebook.Cell(7);
double dieFace = Information.Surprisal(1.0 / 6, InformationUnit.Bits);
double coinSide = Information.Surprisal(1.0 / 2, InformationUnit.Bits);
double both = Information.Surprisal(1.0 / 12, InformationUnit.Bits);
Console.WriteLine($"I(1/6) + I(1/2) = {dieFace:F4} + {coinSide:F4} = {dieFace + coinSide:F4} bits; I(1/12) = {both:F4} bits");

// Halving the probability adds exactly one bit: 0.5 → 1 bit, 0.25 → 2 bits. A die face (p = 1/6)
// carries log₂ 6 ≈ 2.5850 bits.
//
// ## Bits and nats are the same thing in different units
//
// Changing the base of the logarithm only rescales: $\log_b x = \ln x / \ln b$. Machine-learning
// libraries use the natural log (unit: **nat**), information theory often uses log₂ (unit: bit).
// One bit is ln 2 nats.

Notebook.Cell(9);
double nats = Information.Surprisal(0.5, InformationUnit.Nats);
double bits = Information.Surprisal(0.5, InformationUnit.Bits);
Console.WriteLine($"surprisal of a coin flip: {nats:F6} nats = {bits:F6} bits; nats / bits = {nats / bits:F6} = ln 2 = {Math.Log(2):F6}");

// Keep this in mind for notebook 4: the source blog recommends `log10` instead of `log` "for
// numerical stability". A different base can only multiply every value by the same constant, so it
// cannot make anything more stable.
//
// ## Entropy: the average surprisal
//
// The entropy of a distribution p over n outcomes is the expected surprisal:
//
// $$H(p) = \sum_{i=1}^{n} p_i \cdot \left(-\log p_i\right) = -\sum_{i=1}^{n} p_i \log p_i .$$
//
// Here n is the **number of outcomes** of the distribution (2 for a coin, 6 for a die). The source
// blog calls n "the dimension of the data" (<span lang="zh-CN">数据的维度</span>) when it states the
// cross-entropy formula; it is not: an image with a million pixels classified into 10 classes has n
// = 10.
//
// A fair coin has 1 bit of entropy. A coin that lands heads 90 % of the time is far more
// predictable.

Notebook.Cell(11);
Console.WriteLine($"H([0.5, 0.5]) = {Information.Entropy([0.5, 0.5], InformationUnit.Bits):F6} bits");
Console.WriteLine($"H([0.9, 0.1]) = {Information.Entropy([0.9, 0.1], InformationUnit.Bits):F6} bits");

// The second value, 0.468996 bits, is what SciPy documents for `scipy.stats.entropy([0.9, 0.1],
// base=2)`, to all 17 digits:

Notebook.Cell(13);
const double scipyBiasedCoin = 0.46899559358928117; // SciPy's documented output
double biasedCoin = Information.Entropy([0.9, 0.1], InformationUnit.Bits);
Console.WriteLine($"SciPy {scipyBiasedCoin:R}, library {biasedCoin:R}, difference {Math.Abs(biasedCoin - scipyBiasedCoin):G2}");

// The library's view of a distribution as a small table with bars:

Notebook.Cell(15);
Display.Show(new DistributionView(["heads", "tails"], [0.9, 0.1], Digits: 2, Title: "a biased coin"));

// ## The convention 0 · log 0 = 0
//
// An outcome that never happens should not change the entropy. But in floating point, `0 *
// Math.Log(0)` is `0 * -∞ = NaN`. The limit x log x → 0 as x → 0⁺ justifies defining the term as 0,
// and the library does so.

Notebook.Cell(17);
Console.WriteLine($"0 * Math.Log(0)              = {0 * Math.Log(0)}");
Console.WriteLine($"Information.Entropy([1, 0])  = {Information.Entropy([1, 0])}");
Console.WriteLine($"Information.Entropy([0.5, 0.5, 0]) in bits = {Information.Entropy([0.5, 0.5, 0], InformationUnit.Bits)}");

// ## The coin's entropy as a curve
//
// For a coin with P(heads) = p, the entropy is H(p) = −p log₂ p − (1 − p) log₂(1 − p). It is 0 at
// both ends (no uncertainty), and largest at p = 0.5.

Notebook.Cell(19);
double[] ps = Enumerable.Range(0, 101).Select(i => i / 100.0).ToArray();
double[] coinEntropy = ps.Select(p => Information.Entropy([p, 1 - p], InformationUnit.Bits)).ToArray();
int best = Array.IndexOf(coinEntropy, coinEntropy.Max());
Console.WriteLine($"maximum {coinEntropy[best]:F4} bits at p = {ps[best]:F2}");

Notebook.Cell(20);
Display.Show(ChartStyle.Line(ps, coinEntropy, "H(p, 1 − p)", colour: 0)
    .Styled("A coin's entropy is largest for a fair coin", "p = P(heads)", "entropy H (bits)"));

// ## Maximum entropy: log k
//
// Among all distributions over k outcomes, the uniform one has the largest entropy, log k: with
// nothing to favour any outcome, every guess is equally hard. Any other distribution has less. Here
// are 1000 random distributions over 6 outcomes against the uniform one.
//
// Where do random *distributions* come from? A **Dirichlet** distribution is a distribution over
// probability vectors: each sample is a vector of 6 non-negative numbers that sum to 1. With all
// its parameters equal to 1, Dirichlet(1, …, 1) is uniform over all such vectors, so it favours no
// outcome and no shape. MathNet's `Dirichlet` class draws from it; a seeded generator makes the
// numbers the same on every run.

Notebook.Cell(22);
var dirichlet = new Dirichlet(Enumerable.Repeat(1.0, 6).ToArray(), new MersenneTwister(42));
double[] randomEntropies = Enumerable.Range(0, 1000).Select(_ => Information.Entropy(dirichlet.Sample(), InformationUnit.Bits)).ToArray();
double uniformEntropy = Information.Entropy(Enumerable.Repeat(1.0 / 6, 6).ToArray(), InformationUnit.Bits);
Console.WriteLine($"uniform over 6 outcomes: {uniformEntropy:F4} bits = log2 6 = {Math.Log2(6):F4}");
Console.WriteLine($"1000 random distributions: max {randomEntropies.Max():F4}, mean {randomEntropies.Average():F4}, min {randomEntropies.Min():F4} bits");

Notebook.Cell(23);
const double binWidth = 0.05;   // bits
var bins = randomEntropies.GroupBy(e => Math.Floor(e / binWidth)).OrderBy(g => g.Key).ToArray();
double[] binCentres = bins.Select(g => Math.Round((g.Key + 0.5) * binWidth, 3)).ToArray();
double[] binCounts = bins.Select(g => (double)g.Count()).ToArray();
Display.Show(Chart.Combine(new[]
{
    Chart.Column<double, double, string>(values: binCounts, Keys: binCentres, Name: "1000 random distributions", MarkerColor: ChartStyle.Colour(0)),
    ChartStyle.Line([uniformEntropy, uniformEntropy], [0, binCounts.Max()], "uniform distribution: log₂ 6", colour: 3, dash: Plotly.NET.StyleParam.DrawingStyle.Dash),
})
.Styled("No distribution over 6 outcomes beats the uniform one", "entropy H (bits), in bins of 0.05", "number of distributions", xRange: (0.95, 2.75)));

// ## An independent check: MathNet.Numerics
//
// A library should be checked against code it does not share. MathNet.Numerics has a `Categorical`
// distribution with an `Entropy` property (in nats). For a distribution with no zero entries the
// two agree to the last digits:

Notebook.Cell(25);
double[] die = [0.1, 0.2, 0.3, 0.4];
Console.WriteLine($"MathNet Categorical.Entropy: {new Categorical(die).Entropy:R}");
Console.WriteLine($"Information.Entropy:         {Information.Entropy(die):R}");

// But give MathNet a distribution with an outcome of probability 0 and it returns NaN: it evaluates
// 0 · log 0 literally. The library applies the convention, so it returns the entropy of the coin,
// ln 2.

Notebook.Cell(27);
double[] coinWithImpossibleEdge = [0.5, 0.5, 0.0];
Console.WriteLine($"MathNet Categorical.Entropy: {new Categorical(coinWithImpossibleEdge).Entropy}");
Console.WriteLine($"Information.Entropy:         {Information.Entropy(coinWithImpossibleEdge):R} (ln 2 = {Math.Log(2):R})");

// ## Probability mass, not probability density
//
// The source blog calls p(i) and q(i) "probability densities". For a discrete set of outcomes they
// are **probability masses**: each is a probability in [0, 1] and they sum to 1. A *density* f(x)
// is something else: it can exceed 1, and only its integral over an interval is a probability. That
// is not pedantry — the entropy of a density (differential entropy, −∫ f log f) can be negative,
// which the entropy of a mass function never is. A uniform density on [0, 0.5] has f(x) = 2 and
// differential entropy ln 0.5 < 0:

Notebook.Cell(29);
var narrowUniform = new ContinuousUniform(0, 0.5);
Console.WriteLine($"density at 0.25: {narrowUniform.Density(0.25)}; differential entropy: {narrowUniform.Entropy:F6} nats");
Console.WriteLine($"smallest entropy among the 1000 discrete distributions above: {randomEntropies.Min():F4} bits (never below 0)");

// Everything in this tutorial is discrete: the formulas use sums, and every p(i) is a mass.
//
// ## Exercises
//
// Each exercise has a cell that calls a check. Write your answer where the cell says so and run it:
// the check answers *solved*, *not solved yet* (the placeholder is still there) or *incorrect*,
// with a hint aimed at the likely mistake. It never prints the answer.

// ### Exercise 1.1: A fair twenty-sided die
//
// Compute the entropy of a fair twenty-sided die (20 faces, each with probability 1/20) in bits,
// first by hand and then with `Information.Entropy`. Give it to **4 significant digits** (more
// digits are welcome). Before you compute: should it lie above or below the dashed uniform line of
// the six-sided die in the histogram above, and why?

Notebook.Cell(32);
double d20EntropyBits = double.NaN; // your answer
// BEGIN SOLUTION
d20EntropyBits = Information.Entropy(Enumerable.Repeat(1.0 / 20, 20).ToArray(), InformationUnit.Bits); // = log₂ 20
// END SOLUTION
Display.Show(Exercises01.FairDie(d20EntropyBits));

// ### Exercise 1.2: Surprisal units
//
// An outcome has a surprisal of 3 bits. What is its probability? How many nats is that surprisal?
// Give the probability to **3 significant digits** and the surprisal in nats to **4 significant
// digits**.

Notebook.Cell(34);
double probability = double.NaN, surprisalNats = double.NaN; // your answers
// BEGIN SOLUTION
probability = Math.Pow(2, -3);                                  // I = −log₂ p, so p = 2^(−I)
surprisalNats = Information.Surprisal(probability, InformationUnit.Nats);
// END SOLUTION
Display.Show(Exercises01.SurprisalUnits(probability, surprisalNats));

// ### Exercise 1.3: A die with 1 bit of entropy
//
// Find a loaded die, a distribution over 6 outcomes **in which every face is possible** (all six
// probabilities above 0), whose entropy is 1 bit, to **6 significant digits**. (Hint: give one face
// a large probability and the five others the same small one. How does the entropy change as the
// small probability grows from 0 to 1/6? Then search for the value that gives 1 bit, for instance
// by bisection.)

Notebook.Cell(36);
double[]? oneBitDie = null; // your answer: six probabilities
// BEGIN SOLUTION
double EntropyWithSmall(double small) => Information.Entropy([1 - 5 * small, small, small, small, small, small], InformationUnit.Bits);
double low = 0, high = 1.0 / 6;                                 // H grows from 0 (a certain face) to log₂ 6 (a fair die)
for (int step = 0; step < 100; step++)
{
    double middle = (low + high) / 2;
    if (EntropyWithSmall(middle) < 1) low = middle; else high = middle;
}
oneBitDie = [1 - 5 * low, low, low, low, low, low];
// END SOLUTION
Display.Show(Exercises01.EntropyOneBit(oneBitDie));

// ### Exercise 1.4: Perplexity
//
// The **perplexity** of a distribution p turns its entropy back into a count: it is the number of
// equally likely outcomes that would be exactly as uncertain as p. Notebook 2 uses it to score a
// model q (its section [Perplexity](02-cross-entropy-and-kl.ipynb#perplexity)); here it is the
// perplexity of p itself. `Information.Perplexity(p)` returns $e^{H(p)}$ with H in nats. Show that
// it equals $2^{H(p)}$ with H in bits, and explain why the perplexity of a uniform distribution
// over k outcomes is k.
//
// *Self-check* (the cell after the worked answer): why is the perplexity of the uniform
// distribution over k outcomes equal to k? (a) H = log_b k in every base b, and b raised to the
// power log_b k is k again; (b) perplexity counts the outcomes of p whose probability is not zero;
// (c) e^H and 2^H differ, and only the bits version 2^H gives exactly k.

// **Worked answer.** Entropies in the two units differ by the factor ln 2: $H_{\text{bits}} =
// H_{\text{nats}} / \ln 2$. So
//
// $$2^{H_{\text{bits}}} = \left(e^{\ln 2}\right)^{H_{\text{nats}} / \ln 2} = e^{H_{\text{nats}}} .$$
//
// The base of the logarithm and the base of the power cancel, whichever base you pick. For the
// uniform distribution over k outcomes, $H = -\sum_{i=1}^{k} \frac{1}{k} \log_b \frac{1}{k} =
// \log_b k$, so the perplexity is $b^{\log_b k} = k$: a uniform distribution over k outcomes is
// exactly as hard to guess as k equally likely choices, which is what perplexity means. Answer (a).

Notebook.Cell(39);
char choice = '?'; // 'a', 'b' or 'c'
// BEGIN SOLUTION
choice = 'a';
// END SOLUTION
Display.Show(Exercises01.Perplexity(choice));

// --- **Previous:** [0. Start here](00-start-here.ipynb) · **Next:** [2. Cross-entropy and KL
// divergence](02-cross-entropy-and-kl.ipynb) · Back to the [course map](00-start-here.ipynb)
