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

// The kernel-free edition of ../06-cross-entropy-in-practice.ipynb ("6. Cross-entropy in practice"), as a .NET file-based app:
// `dotnet run 06-cross-entropy-in-practice.cs` in this folder. Text outputs print as in the notebook; each chart is written
// as an HTML page to charts/ beside this file. Written by the notebook runner (`dotnet run --project
// lib/NotebookRunner -c Release -- export`): edit the notebook, not this file. The properties above: the app pins
// its own package versions, runs as an ordinary (not native AOT) program, and is not held to the library's analyzers.

using NotebookApp;
using System.Collections;
using System.Text;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CrossEntropy.Numerics;
using CrossEntropy.Interactive;
using CrossEntropy.Interactive.Exercises;
using Plotly.NET.CSharp;
using MathNet.Numerics.LinearAlgebra;

Notebook.Start("../06-cross-entropy-in-practice.ipynb");

// # 6. Cross-entropy in practice
//
// The source blog lists where cross-entropy is used — "<span
// lang="zh-CN">交叉熵在许多实际应用场景中都有广泛的应用，例如图像识别、自然语言处理、推荐系统等</span>" (image recognition, natural
// language processing, recommender systems) — and stops there. This notebook does the three jobs
// with real numbers: a character-level language model, a classifier, and click prediction with rare
// positives.
//
// **What you will learn**
//
// - cross-entropy of a language model in **bits per character**, its **perplexity** $2^{H}$, and
//   why the training figure flatters the model while held-out text tells the truth;
// - why bits per character *is* compression: an ideal coder driven by the model spends $-\log_2
//   q(c)$ bits on each character, and how the model compares with GZip and Brotli on the same text;
// - that a classifier's loss (notebook 5) is the same quantity, and sees confidence where accuracy
//   does not;
// - binary cross-entropy for click prediction with rare positives: the constant-rate baseline, what
//   `pos_weight` does to the loss, to recall and to the predicted click rate, and how to undo its
//   bias.

// (notebook only) #r "nuget: Plotly.NET.Interactive, 6.0.0"
// (notebook only) #r "nuget: Plotly.NET.CSharp, 0.14.0"
// (notebook only) #r "nuget: MathNet.Numerics, 5.0.0"
// (notebook only) #r "nuget: System.Numerics.Tensors, 10.0.15"
// (notebook only) #r "../lib/CrossEntropy.Numerics/bin/Release/net10.0/CrossEntropy.Numerics.dll"
// (notebook only) #r "../lib/CrossEntropy.Interactive/bin/Release/net10.0/CrossEntropy.Interactive.dll"
// (notebook only) CrossEntropy.Interactive.KernelSetup.Install(); // FSharp.Core workaround for Plotly.NET + HTML views; see the README


// ## 1. A character model of this course's own prose
//
// **Which text.** The model learns from text this project wrote: the markdown prose of the earlier
// notebooks, read from the `.ipynb` files next to this one when the cell runs. Training text:
// notebooks 1–4; held-out text: notebook 5, which the model never sees while counting. Cells tagged
// `solution` are left out, so the teacher's and the student's copies of the course train on the
// same text.
//
// **Why those files and not "all notebooks".** Every number below depends on that prose. Including
// this notebook would make its own numbers part of its training text; including notebooks written
// later would change this notebook's output whenever they change. The corpus is pinned to notebooks
// 1–5: when their prose is edited, the numbers here change and this notebook's outputs must be
// refreshed (`refresh --notebook 06`). The first line the next cell prints is a fingerprint of the
// corpus (its length and the start of its SHA-256), so a changed corpus is the first difference the
// runner reports. The prose of this notebook quotes no number that depends on the corpus; the cells
// print them.

Notebook.Cell(5);
string[] trainingFiles = { "01-entropy.ipynb", "02-cross-entropy-and-kl.ipynb", "03-softmax-example.ipynb", "04-stability-pitfalls.ipynb" };
string heldOutFile = "05-training-a-classifier.ipynb";

// The markdown cells of a notebook, in order, without the cells tagged "solution".
string Prose(string file)
{
    using var notebook = JsonDocument.Parse(File.ReadAllText(file));
    var text = new StringBuilder();
    foreach (var cell in notebook.RootElement.GetProperty("cells").EnumerateArray())
    {
        bool isSolution = cell.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("tags", out var tags)
            && tags.EnumerateArray().Any(t => t.GetString() == "solution");
        if (cell.GetProperty("cell_type").GetString() != "markdown" || isSolution) continue;
        var source = cell.GetProperty("source");
        text.Append(source.ValueKind == JsonValueKind.Array ? string.Concat(source.EnumerateArray().Select(l => l.GetString())) : source.GetString());
        text.Append("\n\n");
    }
    return text.ToString();
}

string trainingText = string.Concat(trainingFiles.Select(Prose));
string heldOutText = Prose(heldOutFile);
string fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(trainingText + heldOutText)))[..12];
Console.WriteLine($"corpus fingerprint: {trainingText.Length + heldOutText.Length} UTF-16 units, SHA-256 {fingerprint}…");
Console.WriteLine($"training: {trainingText.EnumerateRunes().Count()} characters from {trainingFiles.Length} notebooks; held-out: {heldOutText.EnumerateRunes().Count()} characters from {heldOutFile}");

// **The model.** An *n*-gram model predicts each character from the $n-1$ characters before it,
// with probabilities counted in the training text and smoothed by adding $k$ to every count
// ("add-$k$" smoothing):
//
// $$q(c \mid h) = \frac{\mathrm{count}(h\,c) + k}{\mathrm{count}(h) + k\,V},$$
//
// where $h$ is the context and $V$ the number of symbols: every character seen in training plus one
// "unknown" symbol that stands for any character the training text never used. Without the $+k$, a
// single character never seen after $h$ would get probability 0 and the cross-entropy would be
// $+\infty$ (notebook 2). A character here is a Unicode scalar value (a `Rune`), so the blog's
// Chinese quotes count one character per ideograph.
//
// **Cross-entropy per character.** For a text $c_1 \dots c_N$ the model's cross-entropy is the
// average surprisal
//
// $$H = -\frac{1}{N}\sum_{i=1}^{N} \log_2 q(c_i \mid c_{i-n+1} \dots c_{i-1}) \quad \text{bits per character},$$
//
// the empirical version of $H(p, q)$ with $p$ the text's own distribution. Its **perplexity**
// $2^{H}$ is the number of equally likely characters that would leave a reader as uncertain as the
// model is.


// Before any counting, the baseline: a model that gives all $V$ symbols the same probability spends
// $\log_2 V$ bits on every character, whatever the text. Any model worth having must do better on
// held-out text.

Notebook.Cell(9);
const double k = 0.01;
var unigram = new CharModel(trainingText, 1, k);
Console.WriteLine($"V = {unigram.V} symbols; uniform model: log2 V = {Math.Log2(unigram.V):F3} bits per character, perplexity {unigram.V}");

// Now models of increasing order, all with $k = 0.01$ (the choice is discussed below), each scored
// on the text it was counted on and on the held-out notebook:

Notebook.Cell(11);
int[] orders = { 1, 2, 3, 4, 5, 6 };
var models = orders.Select(n => new CharModel(trainingText, n, k)).ToArray();
double[] trainBits = models.Select(m => m.BitsPerCharacter(trainingText)).ToArray();
double[] heldOutBits = models.Select(m => m.BitsPerCharacter(heldOutText)).ToArray();
Display.Show(new TableView(
    new[] { "order n (context n−1)", "training bits/char", "held-out bits/char", "held-out perplexity 2^H" },
    orders.Select((n, i) => (IReadOnlyList<object?>)new object?[] { n, trainBits[i], heldOutBits[i], Math.Pow(2, heldOutBits[i]) }).ToArray(),
    Digits: 3));

Notebook.Cell(12);
int best = Array.IndexOf(heldOutBits, heldOutBits.Min());
Console.WriteLine($"lowest held-out cross-entropy: order {orders[best]}, {heldOutBits[best]:F3} bits per character (perplexity {Math.Pow(2, heldOutBits[best]):F2})");
Console.WriteLine($"training cross-entropy keeps falling with the order: {trainBits.Zip(trainBits.Skip(1)).All(p => p.Second < p.First)}");
Console.WriteLine($"held-out cross-entropy rises again after order {orders[best]}: {heldOutBits.Skip(best).Zip(heldOutBits.Skip(best + 1)).All(p => p.Second > p.First)}");
Console.WriteLine($"gap at order 6, held-out minus training: {heldOutBits[^1] - trainBits[^1]:F3} bits per character");
Console.WriteLine($"held-out characters whose context never occurs in the training text, by order: {string.Join(", ", models.Select(m => $"{m.Order}: {m.UnseenContextShare(heldOutText):P0}"))}");

Notebook.Cell(13);
double[] orderAxis = orders.Select(n => (double)n).ToArray();
Display.Show(Chart.Combine(new[] {
        ChartStyle.Line(orderAxis, trainBits.Select(b => Math.Round(b, 4)), "training text (notebooks 1–4)", 0, Plotly.NET.StyleParam.DrawingStyle.Dash, markers: true),
        ChartStyle.Line(orderAxis, heldOutBits.Select(b => Math.Round(b, 4)), "held-out text (notebook 5)", 3, markers: true),
        ChartStyle.Level(1, 6, Math.Round(Math.Log2(unigram.V), 4), "uniform model, log₂ V", 7) })
    .Styled("Character n-gram models: cross-entropy on seen and unseen text",
        "model order n (characters of context + 1)", "cross-entropy (bits per character)")
    .WithXAxisStyle<double, double, string>(TitleText: "model order n (characters of context + 1)")
    .WithYAxisStyle<double, double, string>(TitleText: "cross-entropy (bits per character)"));

// The training curve only goes down: a longer context lets the counts memorise the text, and on the
// very text it counted, a model of high order predicts almost every character. On held-out text the
// curve turns: the longer the context, the more of notebook 5's contexts never occurred in
// notebooks 1–4 (the last line above), and for an unseen context add-$k$ smoothing gives all $V$
// symbols the same probability, the uniform model's $\log_2 V$ bits. The gap between the two curves
// is overfitting, measured in bits. Only the held-out figure says how well the model knows the
// *language* of the course rather than its exact sentences.
//
// **Choosing $k$.** A small $k$ trusts the counts; a large one pulls every prediction towards
// uniform. The table used $k = 0.01$, small enough that the training curve shows memorisation
// plainly: with a large $k$, even a context seen once gives its next character only $(1 + k)/(1 +
// kV)$, and the training curve would flatten. On held-out text the best $k$ differs by order, as
// the sweep below prints. Choosing $k$ on the held-out text makes that text's score slightly
// optimistic; a careful study keeps a third piece of text for the final number.

Notebook.Cell(15);
double[] ks = { 0.001, 0.01, 0.03, 0.1, 0.3, 1 };
foreach (int n in new[] { 2, 3, 4 })
{
    double[] bits = ks.Select(kk => new CharModel(trainingText, n, kk).BitsPerCharacter(heldOutText)).ToArray();
    Console.WriteLine($"order {n}: held-out bits/char for k = {string.Join(", ", ks)}: {string.Join(", ", bits.Select(b => b.ToString("F3")))}; best k = {ks[Array.IndexOf(bits, bits.Min())]}");
}

// ### Bits per character is compression
//
// Shannon's source coding theorem turns the cross-entropy into a file size. An arithmetic coder
// that is given the model's probabilities $q(c \mid h)$ encodes each character in $-\log_2 q(c \mid
// h)$ bits (plus at most 2 bits for the whole message), so a text of $N$ characters costs about $N
// \cdot H$ bits: *minimising cross-entropy and minimising compressed size are the same problem*.
// The decoder needs the same model, so the comparison below is fair only to the extent that the
// model (counted from notebooks 1–4) is shared in advance.
//
// General-purpose compressors also predict the next bytes from what came before. Compressing the
// held-out text alone, and compressing it *after* the training text (the size of both minus the
// size of the training text alone, which lets the compressor use the training text as context, like
// the model does):

Notebook.Cell(17);
byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
int GZipSize(byte[] data)
{
    using var output = new MemoryStream();
    using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(data);
    return (int)output.Length;
}
int BrotliSize(byte[] data)
{
    var output = new byte[data.Length + 1024];
    if (!BrotliEncoder.TryCompress(data, output, out int written, quality: 11, window: 24)) throw new InvalidOperationException("buffer too small");
    return written;
}

int heldOutCharacters = heldOutText.EnumerateRunes().Count();
double BitsPerChar(int bytes) => 8.0 * bytes / heldOutCharacters;
byte[] training = Utf8(trainingText), heldOut = Utf8(heldOutText), both = Utf8(trainingText + heldOutText);
var rows = new List<IReadOnlyList<object?>>
{
    new object?[] { "UTF-8, uncompressed", BitsPerChar(heldOut.Length) },
    new object?[] { "GZip (smallest size), held-out alone", BitsPerChar(GZipSize(heldOut)) },
    new object?[] { "GZip, after the training text", BitsPerChar(GZipSize(both) - GZipSize(training)) },
    new object?[] { "Brotli (quality 11), held-out alone", BitsPerChar(BrotliSize(heldOut)) },
    new object?[] { "Brotli, after the training text", BitsPerChar(BrotliSize(both) - BrotliSize(training)) },
    new object?[] { $"order-{orders[best]} character model (cross-entropy)", heldOutBits[best] },
};
Display.Show(new TableView(new[] { "coder", "bits per held-out character" }, rows, Digits: 3));

Notebook.Cell(18);
double brotliAfter = BitsPerChar(BrotliSize(both) - BrotliSize(training));
double gzipAfter = BitsPerChar(GZipSize(both) - GZipSize(training));
double modelBits = heldOutBits[best];
string Versus(double coderBits) => coderBits < modelBits ? "predicts better than the model" : "predicts worse than the model";
Console.WriteLine($"the order-{orders[best]} character model needs {modelBits / gzipAfter:P0} of GZip's bits and {modelBits / brotliAfter:P0} of Brotli's");
Console.WriteLine($"after the training text, GZip {Versus(gzipAfter)}; Brotli {Versus(brotliAfter)}");
Console.WriteLine($"seeing the training text first saves bits: GZip {gzipAfter < BitsPerChar(GZipSize(heldOut))}, Brotli {brotliAfter < BitsPerChar(BrotliSize(heldOut))}");

// Read the comparison as a contest between predictors, scored by cross-entropy; the lines above say
// who wins on this text. What each side can see explains the result. Both compressors find *long*
// repeats, whole words and phrases that this course uses again and again ("cross-entropy",
// "log-sum-exp", "the held-out text"), and copy them for a few bits, while an order-$n$ character
// model only ever looks $n - 1$ characters back. Both compressors can also use text they saw
// before, which is why the table also measures them after the training text: GZip through its 32 KB
// window, Brotli through a 16 MB window and a built-in dictionary of common words. Better language
// models mix all orders (PPM, context mixing) or learn (neural networks); whatever the model, its
// held-out cross-entropy in bits per character *is* the compression rate it would achieve with an
// arithmetic coder. One caveat in the models' favour: a compressor pays for everything inside its
// output, while the character model's bits leave out the cost of sending its counts.
//
// ## 2. Classification: the loss notebook 5 trains
//
// [Notebook 5](05-training-a-classifier.ipynb) trains a softmax classifier by minimising the mean
// cross-entropy between the one-hot label and the predicted distribution: $-\frac{1}{N}\sum_n \log
// q_n(y_n)$, the average surprisal of the true label, the same quantity as bits per character with
// "next character" replaced by "class". Its floor is not 0 but the **conditional entropy** of the
// label given the input, $H(Y \mid X) = -\sum_{x,\,y} P(x, y)\log P(y \mid x)$: the entropy of the
// true label distribution at each input $x$, averaged over the inputs. It is 0 only when every
// input determines its label; where classes overlap, no model goes below it (Gibbs' inequality at
// each input, notebook 2). And cross-entropy sees what accuracy cannot: confidence. Two classifiers
// that rank the classes identically (the second's logits are the first's times 3) have the same
// accuracy and different cross-entropy:

Notebook.Cell(20);
double[] logitsA =
{
     1.2, 0.5, 0.1,    // true class 0, predicted 0
     0.2, 1.1, 0.3,    // true class 1, predicted 1
     0.1, 0.4, 1.0,    // true class 2, predicted 2
     2.4, 0.3, 0.2,    // true class 1, predicted 0: a clear miss
};
int[] labels = { 0, 1, 2, 1 };
double[] logitsB = logitsA.Select(z => 3 * z).ToArray();   // same order within each row, three times as confident
double Accuracy(double[] z) => Enumerable.Range(0, labels.Length).Count(r => z.Skip(3 * r).Take(3).ToList() is var row && row.IndexOf(row.Max()) == labels[r]) / (double)labels.Length;
double Bits(double[] z) => Losses.CrossEntropy<double>(z, 3, labels) / Math.Log(2);
double[] RowBits(double[] z) { var losses = new double[labels.Length]; Losses.CrossEntropy<double>(z, 3, labels, losses); return losses.Select(l => l / Math.Log(2)).ToArray(); }
Console.WriteLine($"classifier A: accuracy {Accuracy(logitsA):P0}, cross-entropy {Bits(logitsA):F3} bits per example; per row {string.Join(", ", RowBits(logitsA).Select(b => b.ToString("F3")))}");
Console.WriteLine($"classifier B: accuracy {Accuracy(logitsB):P0}, cross-entropy {Bits(logitsB):F3} bits per example; per row {string.Join(", ", RowBits(logitsB).Select(b => b.ToString("F3")))}");

// B spends fewer bits on the three rows it gets right and many more on the miss, where it is
// confidently wrong; the mean adds both, and here the confident miss outweighs the gains. Accuracy
// sees neither. That is why a classifier is trained on cross-entropy (it has a gradient everywhere,
// and it rewards calibrated probabilities) and often *reported* with accuracy.
//
// ## 3. Click prediction: binary cross-entropy with rare positives
//
// A recommender shows an item and predicts whether the user clicks. Each impression is one binary
// label $t \in \{0, 1\}$ and the model outputs a logit $x$, with click probability $\sigma(x)$. The
// loss is binary cross-entropy, in PyTorch's form with a weight $w_+$ (`pos_weight`) on the
// positive term:
//
// $$\ell(x, t) = -\big[\,w_+\,t \log \sigma(x) + (1 - t)\log(1 - \sigma(x))\,\big].$$
//
// The data below are synthetic and seeded, so every run prints the same numbers: two features per
// impression, a relevance score $r \sim \mathcal N(0, 1)$ and a flag for the top slot (30 % of
// impressions), and a true click probability $\sigma(-4.2 + 1.3\,r + 1.0\,\mathrm{top})$, a few
// percent on average (the cell prints the rate). Half the impressions train, half test.

Notebook.Cell(22);
var random = new MathNet.Numerics.Random.MersenneTwister(2026);
const int impressions = 40_000;
double[][] features = new double[impressions][];
double[] clicks = new double[impressions];
for (int i = 0; i < impressions; i++)
{
    double relevance = MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);
    double top = random.NextDouble() < 0.3 ? 1 : 0;
    features[i] = new[] { 1.0, relevance, top };                       // 1 for the intercept
    clicks[i] = random.NextDouble() < StableMath.Sigmoid(-4.2 + 1.3 * relevance + 1.0 * top) ? 1 : 0;
}
int half = impressions / 2;
double[][] trainX = features[..half], testX = features[half..];
double[] trainT = clicks[..half], testT = clicks[half..];
double clickRate = trainT.Average();
Console.WriteLine($"training: {half} impressions, {trainT.Sum()} clicks (rate {clickRate:P2}); test: {testT.Sum()} clicks (rate {testT.Average():P2})");

// **The baseline is an entropy.** A model that ignores the features and predicts the training click
// rate $\bar t$ for every impression scores the binary entropy $H_b(\bar t) = -\bar t\log_2 \bar t
// - (1-\bar t)\log_2(1-\bar t)$ on data with that rate (notebook 1): with rare positives that is
// already small, so a small loss alone proves nothing. A useful model must beat it on the test set.

Notebook.Cell(24);
double BceBits(double[] logits, double[] targets) => Losses.BinaryCrossEntropyWithLogits<double>(logits, targets) / Math.Log(2);
double[] constantLogits = Enumerable.Repeat(Math.Log(clickRate / (1 - clickRate)), half).ToArray();
Console.WriteLine($"H_b(training click rate) = {Information.Entropy(new[] { clickRate, 1 - clickRate }, InformationUnit.Bits):F4} bits");
Console.WriteLine($"constant predictor on the test set: {BceBits(constantLogits, testT):F4} bits per impression");

// **Training with `pos_weight`.** The model is logistic regression, $x = w \cdot f$ with the
// features $f = (1, r, \mathrm{top})$, fitted by **Newton's method** on the mean weighted loss
// (notebook 5 uses gradient descent; for three weights Newton's few exact steps are simpler).
// Newton's method jumps to the minimum of the loss's local quadratic approximation. In one
// variable, $L(w + d) \approx L(w) + L'(w)\,d + \tfrac12 L''(w)\,d^2$ is smallest at $d =
// -L'(w)/L''(w)$, so each step is $w \leftarrow w - L'(w)/L''(w)$. With several weights, the first
// derivative becomes the gradient $g$, the vector of partial derivatives $\partial L/\partial w_a$,
// and the second becomes the **Hessian** $H$, the matrix of second partial derivatives $H_{ab} =
// \partial^2 L/\partial w_a\,\partial w_b$; the step is $w \leftarrow w - H^{-1}g$ (the code solves
// $H\,d = g$ instead of inverting $H$, and stops when the step is shorter than $10^{-12}$).
//
// From $\ell$ above, with $\lambda = w_+ t + 1 - t$ the weight of the example, the derivatives in
// $x$ are $\partial\ell/\partial x = (1-t) - \lambda(1-\sigma(x))$ and $\partial^2\ell/\partial x^2
// = \lambda\,\sigma(x)(1-\sigma(x))$. Since $x = w \cdot f$, the chain rule gives $g = \sum_i
// (\partial\ell_i/\partial x)\, f_i$ and $H = \sum_i (\partial^2\ell_i/\partial x^2)\, f_i
// f_i^{\mathsf T}$ over the training impressions, the two sums the code accumulates (the mean's
// $1/N$ cancels in $H^{-1}g$). The loss itself is the library's
// `Losses.BinaryCrossEntropyWithLogits` with its `posWeight` argument.

Notebook.Cell(26);
double[] LogitsOf(double[] w, double[][] x) => x.Select(f => f[0] * w[0] + f[1] * w[1] + f[2] * w[2]).ToArray();

// Newton's method on the mean weighted loss: w ← w − H⁻¹g, with g and H summed over the training impressions.
double[] Fit(double posWeight)
{
    var w = new double[3];
    for (int step = 0; step < 25; step++)
    {
        var gradient = new double[3];
        var hessian = new double[3, 3];
        for (int i = 0; i < half; i++)
        {
            double[] f = trainX[i];
            double s = StableMath.Sigmoid(f[0] * w[0] + f[1] * w[1] + f[2] * w[2]), t = trainT[i], lambda = posWeight * t + 1 - t;
            double slope = (1 - t) - lambda * (1 - s), curvature = lambda * s * (1 - s);
            for (int a = 0; a < 3; a++)
            {
                gradient[a] += slope * f[a];
                for (int b = 0; b < 3; b++) hessian[a, b] += curvature * f[a] * f[b];
            }
        }
        var newton = Matrix<double>.Build.DenseOfArray(hessian).Solve(Vector<double>.Build.DenseOfArray(gradient));
        for (int a = 0; a < 3; a++) w[a] -= newton[a];
        if (newton.L2Norm() < 1e-12) break;
    }
    return w;
}

double[] plainWeights = Fit(1);
Console.WriteLine($"fitted weights (intercept, relevance, top) = ({string.Join(", ", plainWeights.Select(v => v.ToString("F3")))}); the data were made with (-4.2, 1.3, 1.0)");
double modelLoss = BceBits(LogitsOf(plainWeights, testX), testT), constantLoss = BceBits(constantLogits, testT);
Console.WriteLine($"test loss: {modelLoss:F4} bits per impression, {(modelLoss < constantLoss ? "below" : "not below")} the constant predictor's {constantLoss:F4}");

// With 4.21 % positives in the training half (printed above), a threshold of 0.5 on $\sigma(x)$
// flags almost nothing: a predicted probability above one half needs a very relevant item in the
// top slot. Two numbers say how a threshold does. **Recall** is the share of the actual clicks that
// the model flags (true positives / all clicks); **precision** is the share of the flagged
// impressions that are clicks (true positives / all flagged). `pos_weight` is the usual remedy,
// often set to the ratio of negatives to positives so that both classes weigh the same in the loss.
// Multiplying the positive term by $w_+$ is the same as counting every click $w_+$ times, so the
// loss is minimised by predicting the *odds* multiplied by $w_+$:
//
// $$\frac{\sigma(x^{\ast})}{1 - \sigma(x^{\ast})} = w_+\,\frac{P(\text{click})}{1 - P(\text{click})}.$$
//
// Recall goes up, and so does every predicted probability. The sweep below trains one model per
// $w_+$ and reports on the test set the recall and precision at threshold 0.5, the mean predicted
// click probability, and the unweighted test loss.

Notebook.Cell(28);
double balanced = (half - trainT.Sum()) / trainT.Sum();
double[] posWeights = { 1, 2, 4, 8, 16, balanced, 64 };
var sweep = posWeights.Select(pw =>
{
    double[] weights = Fit(pw);
    double[] z = LogitsOf(weights, testX);
    int truePositives = Enumerable.Range(0, half).Count(i => z[i] > 0 && testT[i] == 1);
    int flagged = z.Count(v => v > 0);
    return (PosWeight: pw, Weights: weights, Recall: truePositives / testT.Sum(), Precision: flagged == 0 ? double.NaN : truePositives / (double)flagged,
            MeanPredicted: z.Average(v => StableMath.Sigmoid(v)), LossBits: BceBits(z, testT));
}).ToArray();
Console.WriteLine($"pos_weight that balances the classes: negatives / positives = {balanced:F2}");
Display.Show(new TableView(new[] { "pos_weight", "recall @ 0.5", "precision @ 0.5", "mean predicted P(click)", "test loss (bits, unweighted)" },
    sweep.Select(s => (IReadOnlyList<object?>)new object?[] { s.PosWeight, s.Recall, s.Precision, s.MeanPredicted, s.LossBits }).ToArray(), Digits: 3));

Notebook.Cell(29);
double testRate = testT.Average();
double[] weightAxis = sweep.Select(s => s.PosWeight).ToArray();
Display.Show(Chart.Combine(new[] {
        ChartStyle.Line(weightAxis, sweep.Select(s => Math.Round(100 * s.Recall, 3)), "recall at threshold 0.5", 0, markers: true),
        ChartStyle.Line(weightAxis, sweep.Select(s => Math.Round(100 * s.Precision, 3)), "precision at threshold 0.5", 3, Plotly.NET.StyleParam.DrawingStyle.Dash, markers: true),
        ChartStyle.Line(weightAxis, sweep.Select(s => Math.Round(100 * s.MeanPredicted, 3)), "mean predicted click probability", 2, Plotly.NET.StyleParam.DrawingStyle.DashDot, markers: true),
        ChartStyle.Level(1, 64, Math.Round(100 * testRate, 3), "actual click rate (test)", 7) })
    .Styled("What pos_weight does to a click model (test set)",
        "pos_weight w₊ (log scale)", "percent of test impressions or clicks (%)", logX: true)
    .WithXAxisStyle<double, double, string>(TitleText: "pos_weight w₊ (log scale)", AxisType: Plotly.NET.StyleParam.AxisType.Log)
    .WithYAxisStyle<double, double, string>(TitleText: "percent of test impressions or clicks (%)"));

// Read the table and the chart together. With $w_+ = 1$ the mean predicted probability matches the
// actual click rate (logistic regression with an intercept is calibrated on average), and recall at
// 0.5 is low. Raising $w_+$ raises recall and lowers precision, and the predicted probabilities
// drift far above the true rate, while the unweighted test loss, the honest cross-entropy, grows.
// `pos_weight` moves the decision threshold; it does not make the model know more.
//
// Where the probabilities themselves matter (a click-through rate used to price an ad, or to rank
// items against each other with other signals), train with $w_+ = 1$ and choose the threshold
// afterwards, or undo the weighting: from the odds relation above, $p = \dfrac{q}{q + w_+(1 - q)}$
// maps the weighted model's $q = \sigma(x)$ back to a click probability.

Notebook.Cell(31);
double[] heavyLogits = LogitsOf(sweep.Single(s => s.PosWeight == balanced).Weights, testX);
double[] corrected = heavyLogits.Select(z => StableMath.Sigmoid(z)).Select(q => q / (q + balanced * (1 - q))).ToArray();
Console.WriteLine($"pos_weight {balanced:F2}: mean predicted {heavyLogits.Average(z => StableMath.Sigmoid(z)):P2}, after the correction {corrected.Average():P2}, actual {testRate:P2}");
double[] correctedLogits = corrected.Select(p => Math.Log(p / (1 - p))).ToArray();
double plainLoss = BceBits(LogitsOf(plainWeights, testX), testT), correctedLoss = BceBits(correctedLogits, testT);
Console.WriteLine($"unweighted test loss: {BceBits(heavyLogits, testT):F4} bits before, {correctedLoss:F4} after the correction, {plainLoss:F4} for pos_weight 1 (difference {correctedLoss - plainLoss:G2})");
double[] heavyWeights = sweep.Single(s => s.PosWeight == balanced).Weights;
Console.WriteLine($"weights moved by pos_weight {balanced:F2}: intercept {heavyWeights[0] - plainWeights[0]:+0.0000;-0.0000} (log w₊ = {Math.Log(balanced):F4}), relevance {heavyWeights[1] - plainWeights[1]:+0.0000;-0.0000}, top {heavyWeights[2] - plainWeights[2]:+0.0000;-0.0000}");

// The correction brings the average back to the click rate and the loss back to that of the
// unweighted model, up to a small difference (printed). Why so close? Weighting the positives by
// $w_+$ makes the best possible predictor's log-odds exactly $\log w_+$ higher at every input (the
// odds relation above). These data were *made* by a logistic model of the same form, $\sigma(-4.2 +
// 1.3\,r + 1.0\,\mathrm{top})$, so that shifted predictor is again such a model, with only its
// intercept changed by $\log w_+$: the intercept can absorb the whole shift, and the correction
// undoes it. That is a property of this synthetic example, not of `pos_weight`. Even here the fit
// is made on a finite sample, so the other weights move a little (the last line above). With real
// data, which no logistic model describes exactly, weighting changes the other weights too and the
// correction is only approximate, as it is for `pos_weight` on a network's last layer.
//
// ## Exercises

// ### Exercise 6.1: add-k by hand
//
// Take the text `abracadabra` as the whole training text, its alphabet {a, b, c, d, r} as the
// symbols ($V = 5$, no unknown symbol), and a bigram model (order 2: one character of context) with
// add-one smoothing ($k = 1$). What probability does it give to `a` following `r`? Count by hand or
// with code; do not use the `CharModel` class. Give it to **4 significant digits**.

Notebook.Cell(34);
double pAfterR = double.NaN; // your answer: q(a | r)
// BEGIN SOLUTION
string text = "abracadabra";
int pairs = Enumerable.Range(0, text.Length - 1).Count(i => text[i] == 'r' && text[i + 1] == 'a');   // "ra" occurs twice
int contexts = Enumerable.Range(0, text.Length - 1).Count(i => text[i] == 'r');                    // "r" is followed by something twice
pAfterR = (pairs + 1.0) / (contexts + 1.0 * 5);
// END SOLUTION
Display.Show(Exercises06.AddOneBigram(pAfterR));

// ### Exercise 6.2: binary cross-entropy with pos_weight, from the formula
//
// Four impressions have logits $x = [-3, -0.5, 1.2, 2.5]$ and labels $t = [0, 1, 0, 1]$. Compute
// the mean loss in **nats** with $w_+ = 4$ from the formula of section 3, $-\frac{1}{4}\sum_i [w_+
// t_i \log\sigma(x_i) + (1-t_i)\log(1-\sigma(x_i))]$, without calling `Losses`, to **4 significant
// digits**. (`StableMath.LogSigmoid` is allowed; note $\log(1 - \sigma(x)) = \log\sigma(-x)$.)

Notebook.Cell(36);
double weightedBce = double.NaN; // your answer, in nats
// BEGIN SOLUTION
double[] x = { -3, -0.5, 1.2, 2.5 }, t = { 0, 1, 0, 1 };
weightedBce = -Enumerable.Range(0, 4).Average(i => 4 * t[i] * StableMath.LogSigmoid(x[i]) + (1 - t[i]) * StableMath.LogSigmoid(-x[i]));
// END SOLUTION
Display.Show(Exercises06.WeightedBinaryCrossEntropy(weightedBce));

// ### Exercise 6.3: why does the order-6 model lose on held-out text?
//
// The order-6 model has the lowest cross-entropy on its training text, yet on notebook 5 it does
// worse than models of lower order (see the table in section 1). Explain why, in two or three
// sentences, then answer the self-check below: which is the main reason?
//
// - (a) the held-out notebook uses characters the training text never used, and long contexts
//   suffer most from them;
// - (b) many of its 5-character contexts never occur in the training text, and most of the others
//   occur only a few times;
// - (c) cross-entropy adds up over the characters scored, and the held-out text has a different
//   number of them.

// *Worked answer.* Counting 5-character contexts memorises the training text: most contexts occur
// once or a few times there, each followed by the character that followed it, so the model predicts
// its training text well. On the held-out notebook this fails twice. A large share of its long
// contexts are new (section 1 prints the share by order): their counts are zero, add-$k$ turns them
// into the uniform distribution over all $V$ symbols, and each such character costs about $\log_2
// V$ bits. And a context seen only once in training gives its one follower probability
// $(1+k)/(1+kV)$, close to 1 for small $k$, so a different next character costs
// $\log_2\frac{1+kV}{k}$ bits, even more than uniform. A low-order model has seen its short
// contexts many times and predicts from real frequencies. Unseen *characters*, (a), are not the
// reason: each maps to the one unknown symbol at every order, the order-1 model meets them too, and
// their share does not grow with the order; what grows with the order is the share of unseen
// *contexts*. (c) is false because cross-entropy is an average per character, not a total. Answer
// (b).
//
// The other common answer to imbalance, the focal loss, is compared with `pos_weight` on the same
// kind of data in [notebook
// 8](08-cross-entropy-in-modern-training.ipynb#3-focal-loss-the-other-answer-to-class-imbalance),
// section 3.

Notebook.Cell(39);
char heldOutReason = '?'; // your choice: 'a', 'b' or 'c'
// BEGIN SOLUTION
heldOutReason = 'b';
// END SOLUTION
Display.Show(Exercises06.HeldOutReason(heldOutReason));

// --- **Previous:** [5. Training a classifier](05-training-a-classifier.ipynb) · **Next:** [7.
// Large vocabularies](07-large-vocabularies.ipynb) · Back to the [course map](00-start-here.ipynb)

// Type declarations, moved here from their cells: in a file-based app they follow the top-level statements.

// From cell 7:
// An n-gram character model with add-k smoothing. Characters are mapped to symbol ids; contexts are strings of ids.
sealed class CharModel
{
    const int Unknown = 0, Start = 1;            // symbol 0 stands for any unseen character; 1 pads the first context
    readonly Dictionary<int, int> ids = new();   // Unicode scalar value -> symbol id (2, 3, ...)
    readonly Dictionary<string, int> contextCounts = new();
    readonly Dictionary<string, int> pairCounts = new();
    public int Order { get; }
    public double K { get; }
    public int V => ids.Count + 1;               // seen characters + the unknown symbol

    public CharModel(string training, int order, double k)
    {
        Order = order; K = k;
        foreach (var r in training.EnumerateRunes()) ids.TryAdd(r.Value, ids.Count + 2);
        foreach (var (context, symbol) in Events(training))
        {
            contextCounts[context] = contextCounts.GetValueOrDefault(context) + 1;
            pairCounts[context + symbol] = pairCounts.GetValueOrDefault(context + symbol) + 1;
        }
    }

    // Each character with the n-1 symbols before it (padded with Start at the beginning of the text).
    IEnumerable<(string Context, char Symbol)> Events(string text)
    {
        var symbols = new string((char)Start, Order - 1) + new string(text.EnumerateRunes().Select(r => (char)ids.GetValueOrDefault(r.Value, Unknown)).ToArray());
        for (int i = Order - 1; i < symbols.Length; i++) yield return (symbols.Substring(i - Order + 1, Order - 1), symbols[i]);
    }

    // The share of the text's characters whose context never occurred in the training text.
    public double UnseenContextShare(string text) => Events(text).Average(e => contextCounts.ContainsKey(e.Context) ? 0.0 : 1.0);

    public double Probability(string context, char symbol) =>
        (pairCounts.GetValueOrDefault(context + symbol) + K) / (contextCounts.GetValueOrDefault(context) + K * V);

    // Cross-entropy of the text under the model, in bits per character.
    public double BitsPerCharacter(string text)
    {
        double bits = 0; int n = 0;
        foreach (var (context, symbol) in Events(text)) { bits -= Math.Log2(Probability(context, symbol)); n++; }
        return bits / n;
    }
}
