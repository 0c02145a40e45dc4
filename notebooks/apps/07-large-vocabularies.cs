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

// The kernel-free edition of ../07-large-vocabularies.ipynb ("7. Cross-entropy over a large vocabulary: one pass, no probability matrix"), as a .NET file-based app:
// `dotnet run 07-large-vocabularies.cs` in this folder. Text outputs print as in the notebook; each chart is written
// as an HTML page to charts/ beside this file. Written by the notebook runner (`dotnet run --project
// lib/NotebookRunner -c Release -- export`): edit the notebook, not this file. The properties above: the app pins
// its own package versions, runs as an ordinary (not native AOT) program, and is not held to the library's analyzers.

using NotebookApp;
using System.Collections;
using System.Text;
using System.Diagnostics;
using System.Numerics.Tensors;
using CrossEntropy.Numerics;
using CrossEntropy.Interactive.Exercises;
using Plotly.NET.CSharp;
using CrossEntropy.Interactive;

Notebook.Start("../07-large-vocabularies.ipynb");

// # 7. Cross-entropy over a large vocabulary: one pass, no probability matrix
//
// The blog ends with an outlook: cross-entropy must be computed *stably* and *efficiently*.
// Notebooks 4 and 6 took care of stability. This one is about efficiency where it matters most: a
// language model scores every token of a batch against every word of its vocabulary, so N rows × C
// classes with C between 32,000 and 128,000. The logits alone are an N × C matrix, and computed the
// textbook way the loss writes another one, of probabilities, only to read one entry per row from
// it.
//
// **What you will learn**
//
// - which N × C matrices a training step holds (the logits, the loss's log-probabilities, the
//   gradient), how big each one is, and which one a fused loss saves;
// - that the loss needs only one number per row, its log-sum-exp, and how the *online* log-sum-exp
//   computes it in one streaming pass: a running maximum and a running sum, rescaled when the
//   maximum grows;
// - how the library's `Losses.CrossEntropy` does this block by block with SIMD, keeps tiny losses
//   exact, and gives the same bits on every processor;
// - how much memory the two approaches allocate, measured on your machine, and how their time grows
//   with the vocabulary size, and why a timing inside a notebook needs a warm-up (.NET's tiered
//   compilation).
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


// ## 1. The N × C matrices of a training step
//
// For one row of logits x and its target class y, the loss is $-\log q_y$ with $q =
// \mathrm{softmax}(x)$. Over a batch, the logits are already an N × C matrix: the model's output
// layer writes them before the loss starts. The textbook pipeline follows the formula literally,
// for every row: exponentiate every logit, sum, divide (that is the softmax), then take the log of
// the target's probability and average over the rows. It writes a second N × C matrix, the
// probabilities, although the loss reads only N of its N · C entries. Frameworks are more careful
// but keep a matrix of the same size: PyTorch's `cross_entropy` computes `log_softmax` of the
// logits into one new N × C tensor (stable, no separate softmax) and keeps it for the backward
// pass, which then writes the gradient with respect to the logits, a third N × C matrix.
//
// How big is one such N × C matrix for a few real shapes, in float32 (4 bytes per entry)?

Notebook.Cell(5);
(string Model, int Rows, int Classes)[] shapes =
[
    ("small classifier", 64, 10),
    ("ImageNet batch", 256, 1_000),
    ("LLaMA 2 (32k vocabulary), 8 × 512 tokens", 4_096, 32_000),
    ("Llama 3 (128k vocabulary), 8 × 512 tokens", 4_096, 128_000),
];
foreach (var (model, rows, classes) in shapes)
{
    long bytes = (long)rows * classes * sizeof(float);
    Console.WriteLine($"{model,-45} N × C = {rows:N0} × {classes:N0}: {bytes / 1e6,10:N1} MB per N × C float32 matrix");
}

// At a Llama-3-sized vocabulary each of these matrices takes gigabytes for one modest batch. A loss
// computed straight from the logits, never writing their softmax or log-softmax (this notebook's
// fused kernel), saves one of them in the forward pass: the logits and the gradient remain, so a
// training step holds two N × C matrices instead of three, and the memory traffic of writing and
// reading the third one goes too. The logits themselves stay the largest cost; the real fix at
// large vocabularies fuses the output layer's matrix product with the loss, block by block, so that
// the logits never exist at all (see the fused linear cross-entropy section below).
//
// ## 2. What the loss actually needs: one log-sum-exp per row
//
// Write the softmax out: $-\log q_y = -\log(e^{x_y} / \sum_i e^{x_i}) = \mathrm{LSE}(x) - x_y$,
// with $\mathrm{LSE}(x) = \log \sum_i e^{x_i}$. The loss of a row is its log-sum-exp minus one
// logit. Nothing else. Notebook 4 computed LSE stably by subtracting the maximum M first:
// $\mathrm{LSE}(x) = M + \log \sum_i e^{x_i - M}$. That needs M before the sum, so it reads the row
// twice: once for the maximum, once for the exponentials.
//
// ## 3. The online log-sum-exp: one pass with a running maximum
//
// The maximum does not have to be known in advance. Read the row in blocks. Keep a running maximum
// m and a running sum $s = \sum e^{x_i - m}$ over everything read so far. For the next block with
// maximum b:
//
// - the new maximum is $m' = \max(m, b)$;
// - every term already in s was taken against m, and $e^{x - m'} = e^{x - m} \cdot e^{m - m'}$, so
//   the old sum is **rescaled once**: $s \leftarrow s \cdot e^{m - m'}$;
// - the block's own terms are added against $m'$: $s \leftarrow s + \sum_{\text{block}} e^{x -
//   m'}$.
//
// At the end $\mathrm{LSE} = m + \log s$. Every exponent is ≤ 0, so nothing overflows, and the
// rescaling factor $e^{m - m'}$ is ≤ 1. Here is the recurrence on eight logits in blocks of two,
// each step printed:

Notebook.Cell(7);
double[] x = [2.0, 1.0, 5.0, 3.0, 4.5, -1.0, 8.0, 0.5];
double m = double.NegativeInfinity, s = 0;
for (int start = 0; start < x.Length; start += 2)
{
    double[] block = x[start..(start + 2)];
    double b = block.Max();
    double newMax = Math.Max(m, b);
    double rescale = double.IsNegativeInfinity(m) ? 0 : Math.Exp(m - newMax);
    s = s * rescale + block.Sum(v => Math.Exp(v - newMax));
    Console.WriteLine($"block [{string.Join(", ", block)}]: block max {b}, running max {m} → {newMax}, " +
                      $"old sum × {rescale:F6}, running sum {s:F6}");
    m = newMax;
}
Console.WriteLine($"online:   LSE = m + log s = {m + Math.Log(s):F12}");
Console.WriteLine($"direct:   log Σ e^x       = {Math.Log(x.Sum(Math.Exp)):F12}");

// The two agree. The running maximum rose twice (at the blocks whose maximum was 5 and 8), and each
// time the sum so far was multiplied by $e^{m - m'}$ once, not term by term. A block whose maximum
// is below the running maximum (the third one) adds its terms and rescales nothing.
//
// The row's loss for target y is then $m + \log s - x_y$. For target 6 (the logit 8) the library's
// loss agrees with the recurrence:

Notebook.Cell(9);
float[] row = x.Select(v => (float)v).ToArray();
Console.WriteLine($"recurrence:           {m + Math.Log(s) - x[6]:F6}");
Console.WriteLine($"Losses.CrossEntropy:  {Losses.CrossEntropy<float>(row, classCount: 8, targets: [6]):F6}");

// ## 4. How the library's kernel does it
//
// `Losses.CrossEntropy` and `Losses.CrossEntropyGradient` run this recurrence in
// `lib/CrossEntropy.Numerics/RowKernel.cs`:
//
// - **Blocks of 2,048 logits** (8 KiB of float): the kernel reads a block once for its maximum,
//   then again for its exponentials while it is still in the processor's L1 cache, so the row
//   streams through memory once.
// - **Validation in the same pass.** The block maximum also catches a NaN or +∞ logit (the maximum
//   becomes NaN or +∞), so checking the input costs no separate pass; the exception still names the
//   first bad index.
// - **SIMD.** Sixteen float lanes at a time (one 512-bit vector), with its own exponential; the
//   tail of a row is padded with −∞, whose exponential is exactly 0.
// - **Tiny losses stay exact.** A confident, correct prediction has a loss near 0, and
//   $\mathrm{LSE} - x_y$ would subtract two nearly equal numbers and keep only rounding noise. The
//   kernel counts the entries equal to the maximum instead of adding their exact 1s, so it returns
//   $\text{rest} = \sum_{i \ne k} e^{x_i - M}$ and the loss as $(M - x_y) +
//   \operatorname{log1p}(\text{rest})$: two non-negative terms, nothing cancels (notebook 4).
// - **The gradient** (softmax minus one-hot) needs the row's normaliser first, then one more pass
//   that writes $e^{x_j - M} / S$ and subtracts 1 at the target.
//
// A loss below 1e−15 in double shows the last point. `LSE − x_y`, computed with the library's own
// stable LSE, gives 0; the fused form keeps the digits:

Notebook.Cell(11);
double[] confident = [40, 5, 0];
double viaLse = StableMath.LogSumExp<double>(confident) - confident[0];
double fused = Losses.CrossEntropy<double>(confident, 3, [0]);
Console.WriteLine($"LSE − x_y:                 {viaLse:E6}");
Console.WriteLine($"(M − x_y) + log1p(rest):   {fused:E6}");
Console.WriteLine($"e^−35 + e^−40 (≈ the loss): {Math.Exp(-35) + Math.Exp(-40):E6}");

// **The same bits on every machine.** A sum of floating-point numbers depends on the order of the
// additions, and a processor with 512-bit vectors would naturally add in a different order from one
// with 256-bit vectors. The kernel fixes the order: the sum always lives in sixteen float lanes
// (eight double lanes), whatever the hardware's width, and .NET runs those lanes as two or four
// narrower vectors where AVX-512 is absent, with the same IEEE operations. The library's tests run
// the kernel with AVX-512, AVX2 and all SIMD switched off and compare the bits.
//
// **Parallel rows.** Rows are independent, so `CrossEntropyOptions.MaxDegreeOfParallelism` lets
// several threads compute them. Each row gives the same bits whichever thread computes it, and the
// row losses are summed in row order afterwards, so the result does not depend on the number of
// threads:

Notebook.Cell(13);
var random = new Random(7);
float[] batch = Enumerable.Range(0, 64 * 4_000).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
int[] batchTargets = Enumerable.Range(0, 64).Select(_ => random.Next(4_000)).ToArray();
float serial = Losses.CrossEntropy<float>(batch, 4_000, batchTargets);
float parallel = Losses.CrossEntropy<float>(batch, 4_000, batchTargets, options: new CrossEntropyOptions { MaxDegreeOfParallelism = -1 });
Console.WriteLine($"serial {serial:R}, all cores {parallel:R}, same bits: {BitConverter.SingleToInt32Bits(serial) == BitConverter.SingleToInt32Bits(parallel)}");

// ## 5. Memory, measured on your machine
//
// `GC.GetAllocatedBytesForCurrentThread()` counts the bytes the current thread has allocated on the
// managed heap. The next cell runs the textbook pipeline (the library's `Textbook.Softmax` of every
// row, kept in memory as the extra N × C matrix of an unfused loss, then $-\log q_y$) and the fused
// loss on the same 256 × 32,000 batch, once each to warm up and then measured. Its numbers depend
// on your machine's .NET build, so they are not checked when the notebooks are tested. The matrix
// itself, entries only, is:

Notebook.Cell(15);
Console.WriteLine($"256 × 32,000 float32 probabilities: {256L * 32_000 * sizeof(float):N0} bytes = {256L * 32_000 * sizeof(float) / 1e6:N1} MB");

Notebook.Cell(16);
float[] BatchOf(int rows, int classes, int seed)
{
    var rng = new Random(seed);
    return Enumerable.Range(0, rows * classes).Select(_ => (float)(rng.NextDouble() * 20 - 10)).ToArray();
}

float TextbookLoss(float[] logits, int classes, int[] targets)
{
    var probabilities = new float[targets.Length][]; // the N × C matrix
    for (int r = 0; r < targets.Length; r++)
    {
        probabilities[r] = Textbook.Softmax<float>(logits.AsSpan(r * classes, classes));
    }

    float total = 0;
    for (int r = 0; r < targets.Length; r++)
    {
        total -= MathF.Log(probabilities[r][targets[r]]);
    }

    return total / targets.Length;
}

float CompositionLoss(float[] logits, int classes, int[] targets, float[] scratch)
{
    // The stable composition a .NET user would write: Max, Subtract, Exp, Sum per row (TensorPrimitives).
    float total = 0;
    for (int r = 0; r < targets.Length; r++)
    {
        ReadOnlySpan<float> row = logits.AsSpan(r * classes, classes);
        float max = TensorPrimitives.Max(row);
        TensorPrimitives.Subtract(row, max, scratch);
        TensorPrimitives.Exp(scratch, scratch);
        total += MathF.Log(TensorPrimitives.Sum<float>(scratch)) - (row[targets[r]] - max);
    }

    return total / targets.Length;
}

long AllocatedBy(Action run)
{
    run(); // warm up: the first call may compile code and allocate for it
    long before = GC.GetAllocatedBytesForCurrentThread();
    run();
    return GC.GetAllocatedBytesForCurrentThread() - before;
}

Notebook.Cell(17);
float[] memoryBatch = BatchOf(256, 32_000, seed: 1);
int[] memoryTargets = Enumerable.Range(0, 256).Select(r => r * 97 % 32_000).ToArray();
long textbookBytes = AllocatedBy(() => TextbookLoss(memoryBatch, 32_000, memoryTargets));
long fusedBytes = AllocatedBy(() => Losses.CrossEntropy<float>(memoryBatch, 32_000, memoryTargets));
Console.WriteLine($"textbook pipeline: {textbookBytes:N0} bytes allocated per call");
Console.WriteLine($"fused kernel:      {fusedBytes:N0} bytes allocated per call");

// The textbook pipeline allocates the whole probability matrix (plus a small header per row) on
// every call; the fused kernel allocates nothing: its running maximum and sum live in registers,
// and the padded tail of a row in a vector. Both read the same logits, which existed before either
// ran.
//
// ## 6. Time against vocabulary size
//
// The next cells time the three ways of computing the loss (the textbook pipeline, the
// TensorPrimitives composition and the fused kernel) on 8 rows, for vocabularies from 1,000 to
// 128,000 classes, in microseconds per row.
//
// **Warm up first: .NET compiles in tiers.** The first time a method runs, .NET compiles it quickly
// and with hardly any optimisation (tier 0), so that programs start fast. It counts the method's
// calls, and after about 30 of them it compiles the method again with full optimisation (tier 1,
// through an instrumented version that collects a profile for it) on a background thread, then
// switches the calls to that code. The counting only starts after a short pause in which nothing
// new was compiled, and a notebook kernel compiles plenty of its own code after every cell, which
// keeps postponing it. `System.Numerics.Tensors` comes from NuGet as IL, not precompiled, so
// `TensorPrimitives` starts at tier 0 as well, and unoptimised vector code is very slow. A timing
// taken too early measures the compiler's first draft.
//
// So the next cell calls the three methods at 1,000 classes in rounds: 30 calls each, a 200 ms
// pause for the background compiler, then a timing (the best of 3 calls). It stops when two
// successive rounds agree within 15 % and no method at all was compiled during the round, and
// prints each method's time before and after the warm-up:

Notebook.Cell(19);
int[] vocabularies = [1_000, 4_000, 16_000, 64_000, 128_000];
const int timedRows = 8;

double MicrosecondsPerRow(Action run)
{
    double best = double.MaxValue;
    for (int round = 0; round < 3; round++)
    {
        long start = Stopwatch.GetTimestamp();
        run();
        best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }

    return best / timedRows;
}

bool Agree(double a, double b) => Math.Abs(a - b) <= 0.15 * Math.Min(a, b);

float[] warmLogits = BatchOf(timedRows, 1_000, seed: 0);
int[] warmTargets = new int[timedRows];
float[] warmScratch = new float[1_000];
var methods = new (string Name, Action Run)[]
{
    ("textbook pipeline", () => TextbookLoss(warmLogits, 1_000, warmTargets)),
    ("TensorPrimitives composition", () => CompositionLoss(warmLogits, 1_000, warmTargets, warmScratch)),
    ("fused kernel (Losses.CrossEntropy)", () => Losses.CrossEntropy<float>(warmLogits, 1_000, warmTargets)),
};

// Rounds: 30 calls of each method, a pause for the background compiler, a timing. Stop once two successive rounds
// agree within 15 % and no method at all was compiled during the round (at most 20 rounds).
double[] firstCalls = methods.Select(m => MicrosecondsPerRow(m.Run)).ToArray();
double[] previous = firstCalls, current = firstCalls;
int rounds = 0;
bool settled = false;
var warmUp = Stopwatch.StartNew();
while (!settled && rounds < 20)
{
    System.Threading.Thread.Sleep(200);
    long compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
    foreach (var (_, run) in methods)
    {
        for (int call = 0; call < 30; call++) run();
    }

    current = methods.Select(m => MicrosecondsPerRow(m.Run)).ToArray();
    settled = System.Runtime.JitInfo.GetCompiledMethodCount() == compiledBefore && current.Zip(previous, Agree).All(same => same);
    previous = current;
    rounds++;
}

Console.WriteLine($"C = 1,000: {(settled ? "settled" : "not settled")} after {rounds} rounds, {warmUp.Elapsed.TotalSeconds:F1} s");
for (int i = 0; i < methods.Length; i++)
{
    Console.WriteLine($"{methods[i].Name,-36} before warm-up {firstCalls[i],8:F1} µs per row, after {current[i],8:F1} µs per row");
}

// The composition's first calls ran `TensorPrimitives` at tier 0; compare its two columns. The next
// cell times every size the same way, measuring again until two successive measurements agree
// within 15 %, so a size that takes a path the warm-up did not (see below) still ends on its steady
// time. This is a demonstration, not a benchmark: the numbers move with whatever else your machine
// is doing. The project's real measurement is the BenchmarkDotNet run described in the README
// (Performance), which runs its own warm-up iterations before it measures.

Notebook.Cell(21);
// At every size, time again until two successive measurements agree (at most six measurements), so a size whose code path
// the warm-up did not exercise still ends on its steady time.
double SteadyMicrosecondsPerRow(Action run)
{
    double previous = MicrosecondsPerRow(run);
    for (int attempt = 0; attempt < 5; attempt++)
    {
        double current = MicrosecondsPerRow(run);
        if (Agree(current, previous))
        {
            return Math.Min(current, previous);
        }

        previous = current;
    }

    return previous;
}

var timings = methods.ToDictionary(m => m.Name, _ => new List<double>());
foreach (int classes in vocabularies)
{
    float[] logits = BatchOf(timedRows, classes, seed: classes);
    int[] targets = Enumerable.Range(0, timedRows).Select(r => r * 31 % classes).ToArray();
    float[] scratch = new float[classes];
    timings["textbook pipeline"].Add(SteadyMicrosecondsPerRow(() => TextbookLoss(logits, classes, targets)));
    timings["TensorPrimitives composition"].Add(SteadyMicrosecondsPerRow(() => CompositionLoss(logits, classes, targets, scratch)));
    timings["fused kernel (Losses.CrossEntropy)"].Add(SteadyMicrosecondsPerRow(() => Losses.CrossEntropy<float>(logits, classes, targets)));
}

Console.WriteLine($"{"C",-36} " + string.Join("  ", vocabularies.Select(c => $"{c,12:N0}")));
foreach (var (name, times) in timings)
{
    Console.WriteLine($"{name,-36} " + string.Join("  ", times.Select(t => $"{t,9:F1} µs")));
}

Notebook.Cell(22);
Display.Show(Chart.Combine(timings.Select((entry, i) =>
        ChartStyle.Line(vocabularies.Select(c => (double)c), entry.Value, entry.Key, colour: i, markers: true)))
    .Styled($"Time per row against vocabulary size (float, 1 thread, {timedRows} rows)",
        "classes C (log scale)", "time per row, µs (log scale)", logX: true, logY: true));

// On log axes a cost proportional to C is a line of slope 1, and the three lines run roughly
// parallel: all three read every logit, so all three grow linearly with the vocabulary. What
// differs is the constant. The textbook pipeline pays a scalar exponential and a division per logit
// and writes the probabilities out; the composition writes the shifted logits and their
// exponentials to a scratch row and reads them back; the fused kernel reads each block twice while
// it is in L1 and writes nothing. On many machines the composition's line steepens at the largest
// vocabulary: a row of 128,000 floats is larger than 256 KiB, the size above which
// `TensorPrimitives` writes its results with non-temporal stores, which bypass the cache, so `Sum`
// reads the scratch row back from main memory. The README's Performance section gives the ratios
// from one BenchmarkDotNet run, with the machine they were measured on.

// ## 7. When the logits themselves are too big: fused linear cross-entropy
//
// Everything so far took the logits as given. In a language model they are the product of the last
// hidden states h (N × d, one row per token) with the output matrix W (V × d, one row per word of
// the vocabulary): $z = h W^\top + b$. The loss kernel of section 4 allocates nothing, but its
// input, the N × V logits, still has to exist, and in training so does its gradient. At a realistic
// batch that matrix alone is:

Notebook.Cell(25);
Console.WriteLine($"8,192 tokens × 128,000 classes, float32 logits: {8_192L * 128_000 * sizeof(float):N0} bytes = {8_192L * 128_000 * sizeof(float) / 1e9:N1} GB");

// Liger-Kernel's fused linear cross-entropy and Apple's Cut Cross-Entropy (Wijmans et al., 2024)
// never build it. `Losses.LinearCrossEntropy` does the same: it takes h, W, b and the targets,
// computes the logits of a block of rows and a block of classes at a time, folds each block into
// every row's online log-sum-exp (section 3's recurrence) and discards it. For row n and a block
// $B$ of classes, with $z_{n,v} = h_n \cdot w_v + b_v$:
//
// $$b = \max_{v \in B} z_{n,v}, \qquad M' = \max(M, b), \qquad S \leftarrow S\,e^{M - M'} + \sum_{v \in B} e^{z_{n,v} - M'}, \qquad M \leftarrow M',$$
//
// and after the last block $\mathrm{LSE}_n = M + \log S$ and the row's loss is $\mathrm{LSE}_n -
// z_{n,y_n}$.
//
// The gradients need a second pass. With $G = \partial L / \partial z$ (softmax minus one-hot,
// divided by N for the mean),
//
// $$\frac{\partial L}{\partial h} = G\,W, \qquad \frac{\partial L}{\partial W} = G^\top h, \qquad \frac{\partial L}{\partial b_v} = \sum_n G_{n,v},$$
//
// and $G_{n,v} = e^{z_{n,v} - \mathrm{LSE}_n} - [v = y_n]$ needs the row's *final* LSE, which is
// known only once every block has been read (exercise 7.4 shows what goes wrong otherwise). So the
// second pass computes each block of logits again, turns it into G in place, and adds its share to
// both gradients before moving on. That is four products of the size of $hW^\top$ (the logits
// twice, then $GW$ and $G^\top h$) instead of three, in exchange for never holding N × V numbers.
//
// The next cell checks the fused loss and its gradient against the materialised path on a small
// problem: `Losses.LinearLogits` writes the N × V logits (the same bits the fused loss computes
// block by block), then the class-index loss and its gradient run on them, and `MatrixMultiply`
// forms $GW$ and $G^\top h$:

Notebook.Cell(27);
const int fusedRows = 64, hiddenSize = 32, smallVocabulary = 5_000;
(float[] H, float[] W, int[] Y) LinearProblem(int rows, int size, int classes, int seed)
{
    var rng = new Random(seed);
    float scale = 1 / MathF.Sqrt(size);
    float[] h = Enumerable.Range(0, rows * size).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
    float[] w = Enumerable.Range(0, classes * size).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale * 4).ToArray();
    int[] y = Enumerable.Range(0, rows).Select(_ => rng.Next(classes)).ToArray();
    return (h, w, y);
}

(float Loss, float[] Dh, float[] Dw) Materialised(float[] h, float[] w, int[] y, int size)
{
    int rows = y.Length, classes = w.Length / size;
    var logits = new float[rows * classes];          // the N × V matrix the fused loss avoids
    Losses.LinearLogits<float>(h, w, [], size, logits);
    float loss = Losses.CrossEntropy<float>(logits, classes, y);
    Losses.CrossEntropyGradient<float>(logits, classes, y, logits); // G, written over the logits
    var dh = new float[h.Length];
    var dw = new float[w.Length];
    MatrixMultiply.Multiply<float>(logits, false, w, false, dh, rows, size, classes); // G·W
    MatrixMultiply.Multiply<float>(logits, true, h, false, dw, classes, size, rows);  // Gᵀ·h
    return (loss, dh, dw);
}

var (smallH, smallW, smallY) = LinearProblem(fusedRows, hiddenSize, smallVocabulary, seed: 3);
var reference = Materialised(smallH, smallW, smallY, hiddenSize);
float[] fusedDh = new float[smallH.Length], fusedDw = new float[smallW.Length];
float fusedLoss = Losses.LinearCrossEntropyGradient<float>(smallH, smallW, [], hiddenSize, smallY, fusedDh, fusedDw, []);
double Largest(float[] a, float[] b) => a.Zip(b, (p, q) => Math.Abs((double)p - q)).Max();
Console.WriteLine($"N = {fusedRows}, d = {hiddenSize}, V = {smallVocabulary:N0}");
Console.WriteLine($"materialised loss {reference.Loss:R}, fused loss {fusedLoss:R}");
Console.WriteLine($"largest |difference|: ∂L/∂h {Largest(reference.Dh, fusedDh):E1} (largest entry {fusedDh.Max(Math.Abs):E1}), " +
                  $"∂L/∂W {Largest(reference.Dw, fusedDw):E1} (largest entry {fusedDw.Max(Math.Abs):E1})");

// The two agree to float rounding: both compute every logit as the same float dot product; they
// differ only in how the softmax part is rounded (the fused loss works in double from the logits on
// and rounds once).
//
// **Memory as the vocabulary grows.** The next cell measures, with `AllocatedBy` from section 5,
// the bytes one call of each path allocates for loss and both gradients at 256 rows and d = 64, for
// three vocabulary sizes. The gradient arrays themselves (N × d and V × d, the size of the inputs)
// are allocated once outside the measured call for the fused path; the materialised path also
// allocates its two gradient arrays inside `Materialised`, so they are subtracted from its count to
// compare like with like. Its numbers depend on your machine's .NET build, so they are not checked
// when the notebooks are tested:

Notebook.Cell(29);
int[] fusedVocabularies = [2_000, 8_000, 32_000];
const int memoryRows = 256, memorySize = 64;
var fusedMemory = new List<(int V, double MaterialisedMB, double FusedMB, double MaterialisedMs, double FusedMs)>();
double BestMilliseconds(Action run)
{
    run(); // warm up
    double best = double.MaxValue;
    for (int round = 0; round < 3; round++)
    {
        long start = Stopwatch.GetTimestamp();
        run();
        best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    return best;
}

foreach (int v in fusedVocabularies)
{
    var (h, w, y) = LinearProblem(memoryRows, memorySize, v, seed: v);
    float[] dh = new float[h.Length], dw = new float[w.Length];
    long gradientArrays = (h.Length + w.Length) * sizeof(float);
    long materialisedBytes = AllocatedBy(() => Materialised(h, w, y, memorySize)) - gradientArrays;
    long fusedLinearBytes = AllocatedBy(() => Losses.LinearCrossEntropyGradient<float>(h, w, [], memorySize, y, dh, dw, []));
    double materialisedMs = BestMilliseconds(() => Materialised(h, w, y, memorySize));
    double fusedMs = BestMilliseconds(() => Losses.LinearCrossEntropyGradient<float>(h, w, [], memorySize, y, dh, dw, []));
    fusedMemory.Add((v, materialisedBytes / 1e6, fusedLinearBytes / 1e6, materialisedMs, fusedMs));
    Console.WriteLine($"V = {v,6:N0}: logits {memoryRows * (long)v * sizeof(float) / 1e6,5:N1} MB; allocated per call: materialised {materialisedBytes / 1e6,6:N2} MB, " +
                      $"fused {fusedLinearBytes / 1e6,5:N2} MB; time: materialised {materialisedMs,6:N1} ms, fused {fusedMs,6:N1} ms");
}

Notebook.Cell(30);
Display.Show(Chart.Combine(new[]
    {
        ChartStyle.Line(fusedMemory.Select(r => (double)r.V), fusedMemory.Select(r => r.MaterialisedMB), "materialised logits + loss + gradients", colour: 0, markers: true),
        ChartStyle.Line(fusedMemory.Select(r => (double)r.V), fusedMemory.Select(r => r.FusedMB), "fused (Losses.LinearCrossEntropyGradient)", colour: 1, markers: true),
    })
    .Styled($"Memory allocated per call against vocabulary size (float, N = {memoryRows}, d = {memorySize})",
        "classes V (log scale)", "allocated per call, MB (log scale)", logX: true, logY: true));

// The materialised path's memory is mostly the logits matrix, so it grows with V like the matrix (a
// line of slope about 1 on log axes); the fused path's is one block of logits and the multiply's
// packing buffers, the same at every V. Both times grow with V, because both are dominated by the
// products, $O(N \cdot d \cdot V)$ multiply-adds. The fused path does one product more (it computes
// the logits twice), while the materialised path writes N × V numbers to memory and reads them
// back, so which one is faster depends on the sizes and the machine, and timings taken in a
// notebook are noisy. What the fused path saves for certain is the memory. The README's Performance
// section compares the two at language-model sizes with BenchmarkDotNet, and the multiply kernel
// with MathNet.Numerics and a naive loop.

// ## Exercises
//
// The exercises' inputs live in `Exercises07`, so that the checks use the same numbers:

Notebook.Cell(33);
Console.WriteLine($"Exercise 7.1: A = [{string.Join(", ", Exercises07.BlockA)}], B = [{string.Join(", ", Exercises07.BlockB)}]");
Console.WriteLine($"Exercise 7.2: N = {Exercises07.Rows:N0} rows, C = {Exercises07.Classes:N0} classes, {Exercises07.BytesPerEntry} bytes per entry");
Console.WriteLine($"Exercise 7.3: x = [{string.Join(", ", Exercises07.ConfidentRow)}], target {Exercises07.ConfidentTarget}");

// ### Exercise 7.1: merging two blocks
//
// Two blocks of logits have been read: A = `Exercises07.BlockA` = [3, 1.5, −2] and B =
// `Exercises07.BlockB` = [7.25, 6]. For each block compute its partial result (m, s): its maximum
// and $\sum e^{x - m}$. Then merge the two partials into the log-sum-exp of all five logits, using
// the rescaling rule of section 3, without going back to the logits of A once B has been read. Give
// it to **4 significant digits** (or more).

Notebook.Cell(35);
double mergedLse = double.NaN; // your answer
// BEGIN SOLUTION
double[] blockA = [.. Exercises07.BlockA], blockB = [.. Exercises07.BlockB];
double mA = blockA.Max(), sA = blockA.Sum(v => Math.Exp(v - mA));
double mB = blockB.Max(), sB = blockB.Sum(v => Math.Exp(v - mB));
double mAB = Math.Max(mA, mB);
mergedLse = mAB + Math.Log(sA * Math.Exp(mA - mAB) + sB * Math.Exp(mB - mAB));
// END SOLUTION
Display.Show(Exercises07.MergeBlocks(mergedLse));

// ### Exercise 7.2: one N × C matrix in bfloat16
//
// Mixed-precision training often keeps its logits in bfloat16, 2 bytes per entry. A batch of
// `Exercises07.Rows` = 16,384 token positions is scored against a vocabulary of
// `Exercises07.Classes` = 256,000 tokens. How many bytes does one N × C matrix of it take (entries
// only, no object headers)? Give the **exact** number of bytes: that is the memory the fused loss
// saves in the forward pass at this size, and what fusing the output layer saves once more.

Notebook.Cell(37);
double matrixBytes = double.NaN; // your answer
// BEGIN SOLUTION
matrixBytes = (double)Exercises07.Rows * Exercises07.Classes * Exercises07.BytesPerEntry;
// END SOLUTION
Display.Show(Exercises07.MatrixBytes(matrixBytes));

// ### Exercise 7.3: a tiny loss, kept
//
// A confident, correct prediction, in double: logits x = `Exercises07.ConfidentRow` = [36, 1, 0]
// and target y = 0. Compute its loss $-\log q_y$ without `Losses.CrossEntropy` (the check uses it
// as its reference), in a form that keeps the digits, as section 4 describes. The library's
// `StableMath.LogP1` is an accurate log1p (.NET's own `double.LogP1` rounds 1 + r first). Give the
// loss to **3 significant digits** (or more).

Notebook.Cell(39);
double tinyLoss = double.NaN; // your answer
// BEGIN SOLUTION
double[] confidentRow = [.. Exercises07.ConfidentRow];
double rowMax = confidentRow.Max();
double rest = confidentRow.Where((_, i) => i != Exercises07.ConfidentTarget).Sum(v => Math.Exp(v - rowMax));
tinyLoss = (rowMax - confidentRow[Exercises07.ConfidentTarget]) + StableMath.LogP1(rest);
// END SOLUTION
Display.Show(Exercises07.TinyLoss(tinyLoss));

Notebook.Cell(40);
Console.WriteLine($"Exercise 7.4: blocks {string.Join(", ", Exercises07Fused.Blocks.Select(b => $"[{string.Join(", ", b)}]"))}");
Console.WriteLine($"target: entry {Exercises07Fused.Target} of block 1; asked: entry {Exercises07Fused.AskedEntry} of block {Exercises07Fused.AskedBlock + 1}");

// ### Exercise 7.4: a gradient from an early block
//
// One row of logits arrives as the three blocks of `Exercises07Fused.Blocks` printed above, in that
// order, as the fused loss reads them. The target class is entry `Exercises07Fused.Target` of the
// first block. With $L = -\log \mathrm{softmax}(z)_{y}$ (one row, sum reduction, no weights or
// smoothing), compute $\partial L / \partial z$ for entry `Exercises07Fused.AskedEntry` of block
// `Exercises07Fused.AskedBlock + 1` (indices from 0 within a block), to 4 significant digits. Then
// think about when, during the fused loss's passes, this number could first be written.

Notebook.Cell(42);
double earlyGradient = double.NaN; // your answer
// BEGIN SOLUTION
double[] wholeRow = [.. Exercises07Fused.Blocks.SelectMany(b => b)];
double wholeRowMax = wholeRow.Max();
double rowLse = wholeRowMax + Math.Log(wholeRow.Sum(v => Math.Exp(v - wholeRowMax)));
earlyGradient = Math.Exp(Exercises07Fused.Blocks[Exercises07Fused.AskedBlock][Exercises07Fused.AskedEntry] - rowLse);
// END SOLUTION
Display.Show(Exercises07Fused.EarlyBlockGradient(earlyGradient));

// ## Summary
//
// - A training step already holds two N × C matrices, the logits and their gradient; an unfused
//   loss writes a third (the textbook's probabilities, PyTorch's `log_softmax`) and reads N of its
//   entries. At language-model sizes each takes gigabytes. The fused loss saves the third; fusing
//   the output layer's matrix product with the loss removes the logits too.
// - The loss needs one log-sum-exp per row. The online recurrence (running maximum m, running sum s
//   rescaled by $e^{m - m'}$ when the maximum grows) computes it in one streaming pass, with every
//   exponent ≤ 0.
// - The library's kernel runs it in L1-sized blocks with SIMD, folds validation into the same pass,
//   keeps tiny losses exact through $(M - x_y) + \operatorname{log1p}(\text{rest})$, allocates
//   nothing, and gives the same bits whatever the SIMD width or the number of threads.
//
// Notebook 8 turns to precision at scale: the loss computed in 16 bits, and why frameworks keep
// log-softmax and the loss in float32: [8. Cross-entropy in modern
// training](08-cross-entropy-in-modern-training.ipynb).
//
// --- **Previous:** [6. Cross-entropy in practice](06-cross-entropy-in-practice.ipynb) · **Next:**
// [8. Cross-entropy in modern training](08-cross-entropy-in-modern-training.ipynb) · Back to the
// [course map](00-start-here.ipynb)
