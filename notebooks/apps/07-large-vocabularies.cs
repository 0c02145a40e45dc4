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
// lib/NotebookRunner -c Release -- --export`): edit the notebook, not this file. The properties above: the app pins
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
// classes with C between 32,000 and 128,000. Computed the textbook way, the loss first builds an N
// × C matrix of probabilities only to read one entry per row from it.
//
// **What you will learn**
//
// - why the naive pipeline (softmax, then log, then pick the target) materialises an N × C
//   probability matrix, and how big that is;
// - that the loss needs only one number per row, its log-sum-exp, and how the *online* log-sum-exp
//   computes it in one streaming pass: a running maximum and a running sum, rescaled when the
//   maximum grows;
// - how the library's `Losses.CrossEntropy` does this block by block with SIMD, keeps tiny losses
//   exact, and gives the same bits on every processor;
// - how much memory the two approaches allocate, measured on your machine, and how their time grows
//   with the vocabulary size, and why a timing inside a notebook needs a warm-up (.NET's tiered
//   compilation).
//
// The first cell loads the packages and the helper library. Build the library once before running
// it: `dotnet build lib/CrossEntropy.Interactive -c Release` from the repository root (see the
// README).

// (notebook only) #r "nuget: Plotly.NET.Interactive, 6.0.0"
// (notebook only) #r "nuget: Plotly.NET.CSharp, 0.14.0"
// (notebook only) #r "nuget: MathNet.Numerics, 5.0.0"
// (notebook only) #r "nuget: System.Numerics.Tensors, 10.0.15"
// (notebook only) #r "../lib/CrossEntropy.Numerics/bin/Release/net10.0/CrossEntropy.Numerics.dll"
// (notebook only) #r "../lib/CrossEntropy.Interactive/bin/Release/net10.0/CrossEntropy.Interactive.dll"
// (notebook only) CrossEntropy.Interactive.KernelSetup.Install(); // FSharp.Core workaround for Plotly.NET + HTML views; see the README


// ## 1. The naive pipeline builds an N × C matrix
//
// For one row of logits x and its target class y, the loss is $-\log q_y$ with $q =
// \mathrm{softmax}(x)$. The textbook pipeline follows the formula literally, for every row:
// exponentiate every logit, sum, divide (that is the softmax), then take the log of the target's
// probability and average over the rows. Frameworks write the softmax of the whole batch into a new
// tensor before the log is taken, so the whole probability matrix exists in memory at once,
// although the loss reads only N of its N · C entries.
//
// How big is that matrix for a few real shapes, in float32 (4 bytes per entry)?

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
    Console.WriteLine($"{model,-45} N × C = {rows:N0} × {classes:N0}: {bytes / 1e6,10:N1} MB of probabilities, {rows:N0} of them used");
}

// At a Llama-3-sized vocabulary the probabilities of one modest batch take gigabytes, are written
// once, and are read N times. The rest is traffic through memory, which is slower than the
// arithmetic.
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
// row, kept in memory as a frameworks' softmax tensor would be, then $-\log q_y$) and the fused
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
// and the padded tail of a row in a vector.
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
//
// ## Exercises
//
// The exercises' inputs live in `Exercises07`, so that the checks use the same numbers:

Notebook.Cell(24);
Console.WriteLine($"Exercise 7.1: A = [{string.Join(", ", Exercises07.BlockA)}], B = [{string.Join(", ", Exercises07.BlockB)}]");
Console.WriteLine($"Exercise 7.2: N = {Exercises07.Rows:N0} rows, C = {Exercises07.Classes:N0} classes");

// ### Exercise 7.1: merging two blocks
//
// Two blocks of logits have been read: A = `Exercises07.BlockA` = [3, 1.5, −2] and B =
// `Exercises07.BlockB` = [7.25, 6]. For each block compute its partial result (m, s): its maximum
// and $\sum e^{x - m}$. Then merge the two partials into the log-sum-exp of all five logits, using
// the rescaling rule of section 3, without going back to the logits of A once B has been read.

Notebook.Cell(26);
double mergedLse = double.NaN; // your answer
// BEGIN SOLUTION
double[] blockA = [.. Exercises07.BlockA], blockB = [.. Exercises07.BlockB];
double mA = blockA.Max(), sA = blockA.Sum(v => Math.Exp(v - mA));
double mB = blockB.Max(), sB = blockB.Sum(v => Math.Exp(v - mB));
double mAB = Math.Max(mA, mB);
mergedLse = mAB + Math.Log(sA * Math.Exp(mA - mAB) + sB * Math.Exp(mB - mAB));
// END SOLUTION
Display.Show(Exercises07.MergeBlocks(mergedLse));

// ### Exercise 7.2: the size of the probability matrix
//
// A batch of `Exercises07.Rows` = 4,096 token positions is scored against a vocabulary of
// `Exercises07.Classes` = 128,000 tokens, in float32. How many bytes does the naive pipeline's
// probability matrix take (entries only, no object headers)?

Notebook.Cell(28);
double matrixBytes = double.NaN; // your answer
// BEGIN SOLUTION
matrixBytes = (double)Exercises07.Rows * Exercises07.Classes * sizeof(float);
// END SOLUTION
Display.Show(Exercises07.ProbabilityMatrixBytes(matrixBytes));

// ### Exercise 7.3: why not LSE − x_y?
//
// The kernel has the row's LSE in hand, yet it computes the loss as $(M - x_y) +
// \operatorname{log1p}(\text{rest})$, with $\text{rest} = \sum_{i \ne k} e^{x_i - M}$. Explain why,
// with an example. Then pick the reason in the cell below: (a) $\mathrm{LSE} - x_y$ can overflow;
// (b) $\mathrm{LSE} - x_y$ loses every digit of a small loss to cancellation; (c) the fused form is
// faster; (d) $\mathrm{LSE} - x_y$ is wrong when a logit is −∞.

// *Answer.* For a confident, correct prediction $x_y$ is the maximum and every other logit is far
// below it, so LSE is $x_y$ plus a tiny amount. In double, LSE is rounded to about 16 significant
// digits of $x_y$'s size; when the loss is below $x_y$ · 2⁻⁵³ the subtraction $\mathrm{LSE} - x_y$
// returns only that rounding, often exactly 0 (section 4: logits [40, 5, 0] give 0 through
// $\mathrm{LSE} - x_y$, while the true loss is $e^{-35} + e^{-40}$ to within rounding, and the cell
// prints both). In the fused form $M - x_y$ is exactly 0 and log1p(rest) is computed from the small
// terms themselves, so the loss keeps full relative precision. Both forms subtract the maximum
// before exponentiating, so neither overflows (a); both read the row in the same pass (c); both
// give +∞ for a masked target (d). The answer is (b).

Notebook.Cell(31);
char choice = '?'; // your answer: 'a', 'b', 'c' or 'd'
// BEGIN SOLUTION
choice = 'b';
// END SOLUTION
Display.Show(Exercises07.SmallLossForm(choice));

// ## Summary
//
// - The textbook pipeline computes N × C probabilities to use N of them; at language-model sizes
//   that matrix takes gigabytes.
// - The loss needs one log-sum-exp per row. The online recurrence (running maximum m, running sum s
//   rescaled by $e^{m - m'}$ when the maximum grows) computes it in one streaming pass, with every
//   exponent ≤ 0.
// - The library's kernel runs it in L1-sized blocks with SIMD, folds validation into the same pass,
//   keeps tiny losses exact through $(M - x_y) + \operatorname{log1p}(\text{rest})$, allocates
//   nothing, and gives the same bits whatever the SIMD width or the number of threads.
//
// --- **Previous:** [6. Cross-entropy in practice](06-cross-entropy-in-practice.ipynb) · **Next:**
// back to the [course map](00-start-here.ipynb) · Back to the [README](../README.md)
