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

// The kernel-free edition of ../02-cross-entropy-and-kl.ipynb ("2. Cross-entropy and KL divergence"), as a .NET file-based app:
// `dotnet run 02-cross-entropy-and-kl.cs` in this folder. Text outputs print as in the notebook; each chart is written
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

Notebook.Start("../02-cross-entropy-and-kl.ipynb");

// # 2. Cross-entropy and KL divergence
//
// Notebook 1 measured the uncertainty of one distribution. Machine learning needs to compare two:
// the true distribution p of the data and the distribution q a model predicts. Cross-entropy does
// that — but not quite in the way the source blog says.
//
// **What you will learn**
//
// - the cross-entropy H(p, q) = −Σ p(i) log q(i) as the average surprisal of outcomes drawn from p,
//   scored by a model q;
// - the decomposition H(p, q) = H(p) + D_KL(p ‖ q), and Gibbs' inequality D_KL ≥ 0 with a four-line
//   proof;
// - why the smallest possible cross-entropy is **H(p), not 0**, so cross-entropy values are not
//   comparable across different p (the blog's "smaller cross-entropy = smaller difference" is
//   wrong);
// - that neither cross-entropy nor KL divergence is symmetric, and what happens when q(i) = 0 <
//   p(i);
// - the Jensen–Shannon divergence, a symmetric and bounded relative.

// (notebook only) #r "nuget: Plotly.NET.Interactive, 6.0.0"
// (notebook only) #r "nuget: Plotly.NET.CSharp, 0.14.0"
// (notebook only) #r "nuget: MathNet.Numerics, 5.0.0"
// (notebook only) #r "nuget: System.Numerics.Tensors, 10.0.15"
// (notebook only) #r "../lib/CrossEntropy.Numerics/bin/Release/net10.0/CrossEntropy.Numerics.dll"
// (notebook only) #r "../lib/CrossEntropy.Interactive/bin/Release/net10.0/CrossEntropy.Interactive.dll"
// (notebook only) CrossEntropy.Interactive.KernelSetup.Install(); // FSharp.Core workaround for Plotly.NET + HTML views; see the README


// ## The formula
//
// The weather in a town is sunny, cloudy or rainy with true probabilities p. A forecaster believes
// q. Each day an outcome i happens with probability p(i), and the forecaster's surprisal is −log
// q(i). The average surprisal is the **cross-entropy**
//
// $$H(p, q) = -\sum_{i=1}^{n} p(i) \log q(i).$$
//
// Here n is the **number of outcomes** (3 for the weather). The source blog writes "<span
// lang="zh-CN">$n$是数据的维度，通常是一个固定的值</span>" ("n is the dimension of the data, usually a fixed
// value"): that is wrong. The sum runs over the outcomes of the distributions, whatever the size of
// each data point: classifying 224 × 224 images into 1000 classes gives n = 1000.
//
// In coding terms: if you design a code for q, encoding data that really follows p costs H(p, q)
// bits per symbol on average, with *ideal* coding, which may spend a fraction of a bit on a symbol.
// An arithmetic coder comes that close: a whole message of N symbols costs on average less than
// N·H(p, q) + 2 bits. A **prefix code** such as a Huffman code gives every symbol a whole number of
// bits and pays for the rounding, up to one bit per symbol: the code with lengths ⌈−log₂ q(i)⌉
// (Shannon's code) costs at least H(p, q) and less than H(p, q) + 1 bits per symbol, and a Huffman
// code built for q is within one bit of H(q) on data that follow q. The second cell below shows
// both on the weather.

Notebook.Cell(5);
double[] p = [0.7, 0.2, 0.1];   // sunny, cloudy, rainy: the truth
double[] q = [0.5, 0.3, 0.2];   // the forecaster's belief
var bits = InformationUnit.Bits;
Console.WriteLine($"H(p)     = {Information.Entropy(p, bits):F4} bits");
Console.WriteLine($"H(p, q)  = {Information.CrossEntropy(p, q, bits):F4} bits");
Console.WriteLine($"KL(p‖q)  = {Information.KLDivergence(p, q, bits):F4} bits");

Notebook.Cell(6);
// Two whole-bit codes built for the forecaster's q, paid for on the true weather p.
int[] shannonLengths = q.Select(qi => (int)Math.Ceiling(-Math.Log2(qi))).ToArray();
int[] HuffmanLengths(double[] probabilities)
{
    var lengths = new int[probabilities.Length];
    var queue = new PriorityQueue<int[], double>();
    for (int i = 0; i < probabilities.Length; i++) queue.Enqueue([i], probabilities[i]);
    while (queue.Count > 1)
    {
        queue.TryDequeue(out var first, out var firstMass);
        queue.TryDequeue(out var second, out var secondMass);
        foreach (int i in first.Concat(second)) lengths[i]++;   // merging the two least likely groups adds one bit to each of their codewords
        queue.Enqueue([.. first, .. second], firstMass + secondMass);
    }
    return lengths;
}
int[] huffmanLengths = HuffmanLengths(q);
double CostOn(double[] truth, int[] lengths) => truth.Zip(lengths, (pi, length) => pi * length).Sum();
Console.WriteLine($"ideal (arithmetic) coding for q:       H(p, q) = {Information.CrossEntropy(p, q, bits):F4} bits per symbol");
Console.WriteLine($"Shannon code for q, lengths [{string.Join(", ", shannonLengths)}]: {CostOn(p, shannonLengths):F4} bits per symbol");
Console.WriteLine($"Huffman code for q, lengths [{string.Join(", ", huffmanLengths)}]: {CostOn(p, huffmanLengths):F4} bits per symbol");

// The forecaster pays 1.2796 bits per day where a perfect forecaster would pay 1.1568 bits: 0.1228
// bits per day are lost to the wrong belief. Whole-bit codes pay for their rounding on top of that:
// 1.3000 bits per day with the Huffman code for q, 1.4000 with Shannon's. The loss to the wrong
// belief is the **Kullback–Leibler divergence** D_KL(p ‖ q) = Σ p(i) log(p(i) / q(i)).
//
// ## Cross-entropy = entropy + KL divergence
//
// Splitting log q = log p − log(p / q) inside the sum gives, exactly,
//
// $$H(p, q) = H(p) + D_{KL}(p \,\|\, q).$$

Notebook.Cell(8);
double gap = Information.CrossEntropy(p, q) - (Information.Entropy(p) + Information.KLDivergence(p, q));
Console.WriteLine($"H(p, q) − (H(p) + KL(p‖q)) = {gap:E1} nats (rounding only)");

// ## Gibbs' inequality: the minimum is H(p), not 0
//
// D_KL(p ‖ q) ≥ 0, with equality only when q = p (Gibbs' inequality). So H(p, q) ≥ H(p): **no model
// can get the cross-entropy below the entropy of the data.** **Why, in four lines.** Use ln x ≤ x −
// 1 (the tangent line of ln at x = 1 lies above it; equality only at x = 1), with x = q(i) / p(i),
// summing over the outcomes with p(i) > 0:
//
// $$-D_{KL}(p \,\|\, q) = \sum_{i:\,p(i)>0} p(i) \ln\frac{q(i)}{p(i)} \;\le\; \sum_{i:\,p(i)>0} p(i)\left(\frac{q(i)}{p(i)} - 1\right) = \sum_{i:\,p(i)>0} q(i) - 1 \;\le\; 0 .$$
//
// Equality needs q(i) / p(i) = 1 wherever p(i) > 0, that is q = p. (In another base the inequality
// just scales by a positive constant.) A numerical illustration rather than a proof: try 10,000
// random forecasters (a seeded Dirichlet sample): the best comes close to H(p) but never below it.

Notebook.Cell(10);
var forecasters = new Dirichlet([1.0, 1.0, 1.0], new MersenneTwister(7));
double bestCrossEntropy = Enumerable.Range(0, 10_000).Min(_ => Information.CrossEntropy(p, forecasters.Sample(), bits));
Console.WriteLine($"best of 10,000 random q: {bestCrossEntropy:F6} bits; H(p) = {Information.Entropy(p, bits):F6} bits; excess = {bestCrossEntropy - Information.Entropy(p, bits):E2} bits ≥ 0");
Console.WriteLine($"the perfect forecaster q = p: {Information.CrossEntropy(p, p, bits):F4} bits");

// The source blog says a smaller cross-entropy means a smaller difference between the distributions
// and a better model. Only the KL part measures the difference. The H(p) part belongs to the data,
// so **cross-entropies computed on different data are not comparable**. A weak model on an easy
// (low-entropy) task can score far lower than a perfect model on a hard task:

Notebook.Cell(12);
double[] fairCoin = [0.5, 0.5], loadedCoin = [0.99, 0.01];
double[] mediocreModel = [0.9, 0.1];
Console.WriteLine($"perfect model, fair coin:    H(p, q) = {Information.CrossEntropy(fairCoin, fairCoin, bits):F4} bits, KL = {Information.KLDivergence(fairCoin, fairCoin, bits):F4}");
Console.WriteLine($"mediocre model, loaded coin: H(p, q) = {Information.CrossEntropy(loadedCoin, mediocreModel, bits):F4} bits, KL = {Information.KLDivergence(loadedCoin, mediocreModel, bits):F4}");

// The mediocre model has the lower cross-entropy (0.1837 < 1.0000 bits) although it is the only one
// of the two that is wrong. Compare models by cross-entropy only on the same data; to judge how far
// a model is from the truth, look at the KL part.
//
// ## Cross-entropy as q moves
//
// Fix a coin with p = P(heads) = 0.3 and let the model's q = P(heads) sweep from 0 to 1. The
// cross-entropy is a bowl whose bottom is exactly at q = p, at height H(p); the KL divergence is
// the same bowl shifted down to touch 0.

Notebook.Cell(14);
double[] pCoin = [0.3, 0.7];
double[] qs = Enumerable.Range(1, 199).Select(i => i / 200.0).ToArray();
double[] ce = qs.Select(r => Information.CrossEntropy(pCoin, [r, 1 - r], bits)).ToArray();
double[] kl = qs.Select(r => Information.KLDivergence(pCoin, [r, 1 - r], bits)).ToArray();
int argmin = Array.IndexOf(ce, ce.Min());
Console.WriteLine($"minimum H(p, q) = {ce[argmin]:F4} bits at q = {qs[argmin]:F3}; H(p) = {Information.Entropy(pCoin, bits):F4} bits");

Notebook.Cell(15);
double hCoin = Information.Entropy(pCoin, bits);
Display.Show(Chart.Combine(new[]
{
    ChartStyle.Line(qs, ce, "H(p, q)", colour: 0),
    ChartStyle.Level(0.0, 1.0, hCoin, "H(p): the floor of H(p, q)", colour: 0),
    ChartStyle.Line(qs, kl, "KL(p ‖ q) = H(p, q) − H(p)", colour: 1, dash: Plotly.NET.StyleParam.DrawingStyle.Dash),
})
.Styled("Cross-entropy of a coin with P(heads) = 0.3: lowest at q = p", "model's q = P(heads); the true p = 0.3", "bits", yRange: (0.0, 4.0)));

Notebook.Cell(16);
// A slider that needs no kernel: one frame per coin, all computed now. Drag p; the lowest point stays at q = p, at height H(p).
double[] coinPs = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
double[] modelQs = Enumerable.Range(0, 100).Select(i => (i + 0.5) / 100).ToArray();
Display.Show(ChartSlider.Over("p", coinPs, pc => Chart.Combine(new[]
    {
        ChartStyle.Line(modelQs, modelQs.Select(r => Information.CrossEntropy([pc, 1 - pc], [r, 1 - r], bits)), "H(p, q)", colour: 0),
        ChartStyle.Level(0.0, 1.0, Information.Entropy([pc, 1 - pc], bits), "H(p): the floor", colour: 0),
        ChartStyle.Line([pc], [Information.CrossEntropy([pc, 1 - pc], [pc, 1 - pc], bits)], "H(p, q) at q = p", colour: 3, markers: true),
    }), active: 2)
    .Styled("Drag p, the coin's P(heads): H(p, q) is lowest at q = p, where it equals H(p)", "model's q = P(heads)", "bits",
        yRange: (0.0, 4.0), xRange: (0.0, 1.0)));

// Both curves rise steeply at the edges: as q → 0 or q → 1 the model calls an outcome that does
// happen (almost) impossible.
//
// ## When the model says "impossible": +∞
//
// If q(i) = 0 for an outcome with p(i) > 0, the surprisal of that outcome is −log 0 = +∞ and so is
// the cross-entropy. The reverse is harmless: outcomes with p(i) = 0 contribute 0 whatever q(i) is
// (the 0 · log 0 = 0 convention of notebook 1).

Notebook.Cell(18);
Console.WriteLine($"H([0.5, 0.5], [1, 0]) = {Information.CrossEntropy([0.5, 0.5], [1, 0], bits)} bits   (the model rules out an outcome that happens)");
Console.WriteLine($"H([1, 0], [0.5, 0.5]) = {Information.CrossEntropy([1, 0], [0.5, 0.5], bits)} bits   (the data never shows the second outcome)");

// This is one reason classifiers end in a softmax, whose outputs are never exactly 0 in exact
// arithmetic — and why notebook 4 cares so much about probabilities that *round* to 0 in floating
// point.
//
// ## Not symmetric
//
// Swapping the arguments changes the answer: D_KL(p ‖ q) ≠ D_KL(q ‖ p), and H(p, q) ≠ H(q, p). KL
// divergence is not a distance.

Notebook.Cell(20);
double[] a = [0.5, 0.5], b = [0.8, 0.2];
Console.WriteLine($"KL(a‖b) = {Information.KLDivergence(a, b, bits):F4} bits,  KL(b‖a) = {Information.KLDivergence(b, a, bits):F4} bits");
Console.WriteLine($"H(a, b) = {Information.CrossEntropy(a, b, bits):F4} bits,  H(b, a) = {Information.CrossEntropy(b, a, bits):F4} bits");

// ## A symmetric relative: Jensen–Shannon divergence
//
// JSD(p, q) = ½ D_KL(p ‖ m) + ½ D_KL(q ‖ m) with m = (p + q) / 2 compares both distributions to
// their average. It is symmetric, never infinite, and at most 1 bit — reached when p and q have
// disjoint supports.

Notebook.Cell(22);
Console.WriteLine($"JSD(a, b) = {Information.JensenShannonDivergence(a, b, bits):F4} bits = JSD(b, a) = {Information.JensenShannonDivergence(b, a, bits):F4} bits");
Console.WriteLine($"JSD([1, 0], [0, 1]) = {Information.JensenShannonDivergence([1, 0], [0, 1], bits):F4} bits (disjoint supports: the maximum)");

// ## Perplexity
//
// Language models report **perplexity**, $e^{H(p, q)}$ with H in nats (equivalently $2^{H}$ with H
// in bits): the number of equally likely choices that would be just as surprising. A model with
// perplexity 10 is, on average, as unsure as someone choosing among 10 equally likely outcomes. Of
// a single distribution, $e^{H(p)}$ is the number of equally likely outcomes with the same entropy
// as p. Perplexity inherits the floor: perplexity ≥ $e^{H(p)}$.

Notebook.Cell(24);
Console.WriteLine($"perplexity of the forecaster: {Information.Perplexity(p, q):F4} (floor e^H(p) = {Information.Perplexity(p):F4}; uniform over 3 would be 3)");

// ## Exercises
//
// Each exercise has a cell that calls a check: write your answer where the cell says so and run it.
// The check says *solved*, *not solved yet* or *incorrect* with a hint; it never prints the answer.

// ### Exercise 2.1: KL by hand
//
// For the coins a = [0.5, 0.5] and b = [0.9, 0.1] (not the pair of the asymmetry section), compute
// D_KL(a ‖ b) in bits by hand, from the definition D_KL(a ‖ b) = Σ a(i) log₂(a(i) / b(i)), without
// calling `Information.KLDivergence`. Give it to **3 significant digits** (more digits are
// welcome).

Notebook.Cell(27);
double klByHand = double.NaN; // your answer, in bits
// BEGIN SOLUTION
klByHand = 0.5 * Math.Log2(0.5 / 0.9) + 0.5 * Math.Log2(0.5 / 0.1);
// END SOLUTION
Display.Show(Exercises02.KlByHand(klByHand));

// ### Exercise 2.2: Find the minimiser
//
// For p = [0.2, 0.3, 0.5], evaluate H(p, q) for a few q near p: move 0.01 of probability from one
// entry to another, in each of the six possible ways. Confirm that every move increases the
// cross-entropy. Then, for the move that gives q = [0.21, 0.30, 0.49], compute by how many bits
// H(p, q) exceeds H(p), and compare with D_KL(p ‖ q). Give the excess to **3 significant digits**.

Notebook.Cell(29);
double growthBits = double.NaN; // your answer: H(p, q) − H(p) in bits for q = [0.21, 0.30, 0.49]
// BEGIN SOLUTION
double[] p22 = [0.2, 0.3, 0.5];
foreach (var (from, to) in new[] { (0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1) })
{
    double[] moved = (double[])p22.Clone();
    moved[from] -= 0.01;
    moved[to] += 0.01;
    Console.WriteLine($"move 0.01 from entry {from} to entry {to}: H(p, q) − H(p) = {Information.CrossEntropy(p22, moved, bits) - Information.Entropy(p22, bits):E3} bits");
}
growthBits = Information.CrossEntropy(p22, [0.21, 0.3, 0.49], bits) - Information.Entropy(p22, bits);
// END SOLUTION
Display.Show(Exercises02.MoveMass(growthBits));

// ### Exercise 2.3: Two models, one data set
//
// Two models are scored on the *same* validation set: model A's cross-entropy is 0.35 nats, model
// B's is 0.60 nats. Nobody knows the entropy H(p) of the data. What can you say about their KL
// divergences from the data? (Hint: the decomposition.)
//
// *Self-check* (the cell after the worked answer): (a) B's KL divergence is 0.25 nats larger than
// A's, whatever H(p) is; (b) A's KL divergence is 0.35 nats and B's is 0.60 nats; (c) nothing about
// KL until someone measures H(p) of the data.

// **Worked answer.** Each number is H(p, q) = H(p) + D_KL(p ‖ q) with the same p, so the same H(p)
// sits in both: D_KL(p ‖ q_B) − D_KL(p ‖ q_A) = 0.60 − 0.35 = 0.25 nats, whatever H(p) is. The
// difference of cross-entropies on one data set *is* the difference of KL divergences, which is why
// comparing models on the same data is sound. Each KL on its own stays unknown: it is the
// cross-entropy minus H(p), and H(p) is rarely known for real data, so (b), which treats 0 as the
// floor, overstates both. Answer (a).

Notebook.Cell(32);
char choice = '?'; // 'a', 'b' or 'c'
// BEGIN SOLUTION
choice = 'a';
// END SOLUTION
Display.Show(Exercises02.SameData(choice));

// ### Exercise 2.4: Infinite KL
//
// Give two distributions p and q over **three** outcomes, neither of them certain (each gives a
// non-zero probability to at least two outcomes), with D_KL(p ‖ q) = +∞ but D_KL(q ‖ p) finite.
//
// A note on what ∞ means: the direction of KL is not a knob for avoiding infinity. D_KL(p ‖ q),
// with p the data and q the model, asks what the model costs on data from p; D_KL(q ‖ p) asks a
// different question. An infinite value is a true answer: the model rules out an outcome that
// happens. The fix belongs in the model: predict through a softmax (never exactly 0 in exact
// arithmetic), smooth q, and compute the loss from logits (notebook 4).

Notebook.Cell(34);
double[]? pInfinite = null, qInfinite = null; // your answer: two distributions
// BEGIN SOLUTION
pInfinite = [0.1, 0.6, 0.3];
qInfinite = [0.5, 0.5, 0.0];                                    // q rules out the third outcome, which p allows
// END SOLUTION
Display.Show(Exercises02.InfiniteKl(pInfinite, qInfinite));

// --- **Previous:** [1. Entropy](01-entropy.ipynb) · **Next:** [3. The blog's softmax
// example](03-softmax-example.ipynb)
