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

// The kernel-free edition of ../00-start-here.ipynb ("0. Start here: the course map"), as a .NET file-based app:
// `dotnet run 00-start-here.cs` in this folder. Text outputs print as in the notebook; each chart is written
// as an HTML page to charts/ beside this file. Written by the notebook runner (`dotnet run --project
// lib/NotebookRunner -c Release -- --export`): edit the notebook, not this file. The properties above: the app pins
// its own package versions, runs as an ordinary (not native AOT) program, and is not held to the library's analyzers.

using NotebookApp;
using System.Collections;
using System.Text;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;

Notebook.Start("../00-start-here.ipynb");

// # 0. Start here: the course map
//
// This course teaches entropy, cross-entropy, KL divergence and softmax, and the numerical traps of
// computing them, in C# notebooks that run every claim they make. It follows a Chinese blog post on
// cross-entropy (交叉熵) section by section, checks every number it gives, and corrects its mistakes
// openly. This notebook is for readers choosing a path and for teachers preparing a class: the map,
// what to know first, how long each notebook takes, how to hand out a student edition, a glossary
// in English and Chinese, and where to read further.
//
// **What you will find here**
//
// - the map of notebooks 0–7 and what each one shows;
// - the prerequisites;
// - each notebook's measured run time and an estimate of its time in class;
// - how to produce, hand out and use the student edition (answers removed, checks kept);
// - a glossary of the course's terms beside the Chinese terms the blog uses;
// - references: textbooks, the PyTorch and TensorFlow loss documentation, and the blog itself.

// ## The map
//
// | # | Notebook | What it shows |
// |---|---|---|
// | 0 | Start here (this notebook) | the map, timings, the student edition, glossary, references |
// | 1 | [Entropy](01-entropy.ipynb) | surprisal and why it is a logarithm, bits / nats / hartleys, entropy, 0 · log 0 = 0, maximum entropy log k, mass versus density |
// | 2 | [Cross-entropy and KL divergence](02-cross-entropy-and-kl.ipynb) | H(p, q) = H(p) + KL(p ‖ q), Gibbs' inequality (the floor is H(p), not 0), asymmetry, +∞ when q = 0 < p, perplexity |
// | 3 | [The blog's softmax example](03-softmax-example.ipynb) | p = [0.5, 0.5], q = softmax([0.7, 0.3]) computed two ways and to 28 digits, temperature, the gradient q − p derived |
// | 4 | [Stability pitfalls](04-stability-pitfalls.ipynb) | overflow, underflow, log-sum-exp, log(softmax) versus log-softmax, losses from logits, clipping, float32, the blog's log10 "fix" |
// | 5 | [Training a classifier](05-training-a-classifier.ipynb) | softmax regression by gradient descent, the maximum-likelihood view, class weights, label smoothing |
// | 6 | [Cross-entropy in practice](06-cross-entropy-in-practice.ipynb) | the blog's applications: a character model of this course's prose (bits per character, perplexity, compression), classification, click prediction with `pos_weight` |
// | 7 | [Large vocabularies](07-large-vocabularies.ipynb) | the blog's outlook on efficiency: cross-entropy over tens of thousands of classes, a fused kernel |
//
// Notebooks 1–4 are the core and build on each other; 5 and 6 apply them; 7 is about speed. A
// reader short of time can do 1 → 2 → 3 → 4 and pick from the rest.
//
// **Prerequisites.** C# at the level of arrays, LINQ and lambdas; logarithms and sums (high-school
// algebra); a discrete probability distribution (numbers that are non-negative and sum to 1). No
// machine learning is assumed: notebook 5 introduces what it needs. To run the notebooks: the .NET
// 10 SDK and VS Code with the *Polyglot Notebooks* extension (or Jupyter with the .NET kernel); the
// repository's README says how.

// (notebook only) #r "nuget: Plotly.NET.Interactive, 6.0.0"
// (notebook only) #r "nuget: Plotly.NET.CSharp, 0.14.0"
// (notebook only) #r "nuget: MathNet.Numerics, 5.0.0"
// (notebook only) #r "nuget: System.Numerics.Tensors, 10.0.15"
// (notebook only) #r "../lib/CrossEntropy.Numerics/bin/Release/net10.0/CrossEntropy.Numerics.dll"
// (notebook only) #r "../lib/CrossEntropy.Interactive/bin/Release/net10.0/CrossEntropy.Interactive.dll"
// (notebook only) CrossEntropy.Interactive.KernelSetup.Install(); // FSharp.Core workaround for Plotly.NET + HTML views; see the README

// ## How long each notebook takes
//
// Two numbers per notebook. The **run time** is measured: the main job (`dotnet run --project
// lib/NotebookRunner -c Release`) records how long each notebook took to execute, kernel start
// included, in `artifacts/run-times.json` (copied into the student edition as `run-times.json`),
// and the cell below reads the latest record. It depends on the machine, so the cell is tagged
// `machine-dependent`: the runner executes it but does not compare its output. The **class time**
// is an estimate from each notebook's content: its prose read at 150 words a minute (technical text
// with formulas is read slowly), one minute per code cell to run it and read its output, and ten
// minutes per exercise, rounded up to five minutes.

Notebook.Cell(5);
string? timesFile = new[] { "../artifacts/run-times.json", "../run-times.json" }.FirstOrDefault(File.Exists);
var runTimes = timesFile is null ? new Dictionary<string, double>()
    : JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(timesFile))!;

(string Title, int Words, int CodeCells, int Exercises) Measure(string file)
{
    using var notebook = JsonDocument.Parse(File.ReadAllText(file));
    string title = file; int words = 0, code = 0, exercises = 0;
    foreach (var cell in notebook.RootElement.GetProperty("cells").EnumerateArray())
    {
        var source = cell.GetProperty("source");
        string text = source.ValueKind == JsonValueKind.Array ? string.Concat(source.EnumerateArray().Select(l => l.GetString())) : source.GetString()!;
        bool isExercise = cell.TryGetProperty("metadata", out var m) && m.TryGetProperty("tags", out var tags) && tags.EnumerateArray().Any(t => t.GetString() == "exercise");
        if (cell.GetProperty("cell_type").GetString() == "code") { code++; continue; }
        if (isExercise) exercises++;
        if (title == file && text.StartsWith("# ")) title = text.Split('\n')[0][2..];
        words += Regex.Matches(text, @"[\p{L}\p{N}]+").Count;
    }
    return (title, words, code, exercises);
}

int ClassMinutes((string Title, int Words, int CodeCells, int Exercises) n) =>
    (int)Math.Ceiling((n.Words / 150.0 + n.CodeCells + 10.0 * n.Exercises) / 5) * 5;

var rows = Directory.GetFiles(".", "0?-*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(name =>
{
    var n = Measure(name!);
    object? seconds = runTimes.TryGetValue(name!, out var s) ? s : "not measured yet";
    return (IReadOnlyList<object?>)new object?[] { name, n.Title, seconds, n.CodeCells, n.Exercises, ClassMinutes(n) };
}).ToArray();
Display.Show(new CrossEntropy.Interactive.TableView(new[] { "notebook", "title", "run time (s)", "code cells", "exercises", "class time (min, estimate)" }, rows, Digits: 1,
    Title: timesFile is null ? "No run times recorded yet: run the main job once." : $"Run times from {timesFile}, written by the last main job"));

// Running a notebook takes seconds (the table), much of it the kernel starting and the packages
// loading; in class the time goes to reading, discussion and the exercises. The estimate is a
// starting point for planning a lesson, not a measurement of students.
//
// ## The student edition: answers out, checks in
//
// Every exercise follows one protocol, so one command can take the answers out:
//
// - its statement is a markdown cell tagged `exercise`, titled `### Exercise N.k: short name`;
// - its answer cell is tagged `solution`: a code cell declares the answer with a placeholder value
//   (`double.NaN`, `null`, `'?'`), computes it between a line `// BEGIN SOLUTION` and a line `//
//   END SOLUTION`, and ends with a call to its check, `ExercisesNN.Name(answer)`;
// - an exercise whose answer is an explanation has a worked answer in a markdown cell tagged
//   `solution`, followed by a self-check code cell whose answer is a letter, in the same shape;
// - a check answers **Solved**, **Not solved yet** (the placeholder is still there) or
//   **Incorrect** with a hint aimed at the likely mistake, and never shows the expected value.
//
// **Producing it.** The main job writes the student edition every time it runs:
//
// ```bash
// dotnet run --project lib/NotebookRunner -c Release
// ```
//
// writes `artifacts/student/`: the notebooks in `artifacts/student/notebooks/`, each solution
// region replaced by `// your code here` and each worked answer by *Write your answer here.*; the
// course library's dlls under `artifacts/student/lib/`, at the same relative path the notebooks'
// first cell loads them from; a README for students; and the run times. It then executes every
// student notebook from that folder and fails unless each runs without error and every check says
// *Not solved yet*. The outputs a student sees before running anything come from that run, so they
// cannot contain an answer. A solution cell without markers, or markers that do not pair up, stops
// the job with the notebook and cell named.
//
// **Handing it out.** Zip `artifacts/student/` as it is and give it to the class. Students open the
// folder in VS Code, open `notebooks/`, and run the notebooks top to bottom; each exercise's check
// tells them how they are doing. The teacher keeps the repository's `notebooks/`, whose answers and
// outputs are complete, and whose every check says *Solved*.
//
// **What the tests prove.** The test suite builds the student edition, runs it, and checks that
// every check says *Not solved yet*; that every check in the teacher notebooks says *Solved*; and
// that no line of solution code and no answer value (found by running the teacher notebooks)
// appears anywhere in the student edition's files.

// ## Glossary
//
// English terms as this course uses them, with the Chinese term beside each. A **bold** Chinese
// term is the one the source blog itself uses; the others are the usual Chinese terms, given to
// help a reader of the blog find the idea.
//
// | Term | 中文 | Meaning | First in |
// |---|---|---|---|
// | bit | 比特 | the unit of information with base-2 logarithms: one fair coin flip | 1 |
// | binary classification | **二元分类** | predicting one of two classes | 3 |
// | binary cross-entropy (BCE) | 二元交叉熵 | cross-entropy of a two-outcome distribution, one probability per example: $-[t\log\sigma(x) + (1-t)\log(1-\sigma(x))]$ | 4 |
// | class imbalance | 类别不平衡 | one class much rarer than the others, as clicks among impressions | 6 |
// | cross-entropy | **交叉熵** | $H(p, q) = -\sum_i p(i)\log q(i)$: the average surprisal of outcomes drawn from $p$ under the model $q$ | 2 |
// | Dirichlet distribution | 狄利克雷分布 | a distribution over probability vectors; used to draw random distributions | 1 |
// | entropy (Shannon entropy) | **熵**（**香农熵**） | $H(p) = -\sum_i p(i)\log p(i)$: the average surprisal, the uncertainty of $p$ | 1 |
// | gradient | 梯度 | the vector of partial derivatives; for softmax cross-entropy with respect to the logits, $q - p$ | 3 |
// | hartley (ban, dit) | 哈特利 | the unit of information with base-10 logarithms; $\log_{10}$ only changes the unit, which is why it cannot fix stability | 1 |
// | information theory | **信息论** | the mathematics of information, coding and communication (Shannon, 1948) | 1 |
// | KL divergence (relative entropy) | KL 散度（相对熵） | $D_{KL}(p \,\|\, q) = \sum_i p(i)\log\frac{p(i)}{q(i)} = H(p, q) - H(p) \ge 0$ | 2 |
// | label smoothing | 标签平滑 | training targets $(1-\varepsilon)\,e_y + \varepsilon/C$ instead of one-hot; the loss floor becomes $H$ of that target | 5 |
// | log-sum-exp | 对数求和指数（LogSumExp） | $\log\sum_i e^{z_i} = m + \log\sum_i e^{z_i - m}$ with $m = \max_i z_i$: the stable form | 4 |
// | logit | logit（未归一化的对数分数） | a raw score $z_i$ whose softmax is a probability; for two classes, the log-odds $\log\frac{p}{1-p}$ (对数几率) | 3 |
// | loss function | **损失函数** | the number training minimises; here cross-entropy | 3 |
// | maximum likelihood | 最大似然 | choosing the model that makes the observed data most probable; minimising cross-entropy does exactly that | 5 |
// | $n$ in $-\sum_{i=1}^n p(i)\log q(i)$ | — | the number of outcomes (classes) of the distribution. The blog says "$n$是数据的维度" (the dimension of the data): that is wrong, the data may have any dimension | 2 |
// | nat | 奈特 | the unit of information with natural logarithms; 1 nat = $1/\ln 2$ bits | 1 |
// | numerical stability | **数值稳定性** | computing a formula so that rounding, overflow and underflow do not spoil a result that is representable | 4 |
// | perplexity | 困惑度 | $2^{H}$ with $H$ in bits ($e^{H}$ in nats): the number of equally likely choices with the same uncertainty | 2 |
// | `pos_weight` | 正样本权重 | a weight on the positive term of binary cross-entropy, used against class imbalance | 6 |
// | probability distribution | **概率分布** | non-negative numbers that sum to 1, one per outcome | 1 |
// | probability mass function | 概率质量函数 | the probabilities of a discrete distribution. The blog calls them **概率密度** (probability density), which is the continuous notion | 1 |
// | predicted distribution | **预测分布** | the model's $q$ | 2 |
// | sigmoid | sigmoid（逻辑函数） | $\sigma(x) = 1/(1 + e^{-x})$: the two-class softmax | 4 |
// | softmax | **softmax** | $\mathrm{softmax}(z)_i = e^{z_i}/\sum_j e^{z_j}$: turns logits into a distribution | 3 |
// | subnormal number | 次正规数（非规格化数） | a floating-point number below the smallest normal one, with fewer significant bits; notebook 4 finds where $e^x$ becomes subnormal in float | 4 |
// | surprisal (self-information) | 自信息（惊奇度） | $-\log p$: the information of an outcome of probability $p$; a logarithm because information of independent events adds | 1 |
// | true distribution | **真实分布** | the data's $p$ | 2 |
// | ulp (unit in the last place) | 最后一位单位（ulp） | the spacing between adjacent floating-point numbers at a value; errors are measured in ulps | 4 |
// | underflow, overflow | 下溢，上溢 | a result too small (rounded to 0 or subnormal) or too large (∞) for the format | 4 |
//
// ## References
//
// - C. E. Shannon, "A Mathematical Theory of Communication", *Bell System Technical Journal* 27
//   (1948): entropy and the source coding theorem.
// - T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed., Wiley, 2006: chapter 2
//   (entropy, relative entropy, Gibbs' inequality) and chapter 5 (data compression, the link behind
//   notebook 6).
// - D. J. C. MacKay, *Information Theory, Inference, and Learning Algorithms*, Cambridge University
//   Press, 2003 (free online from the author): chapters 2 and 4 (entropy, surprisal), chapter 6
//   (arithmetic coding with a predictive model).
// - I. Goodfellow, Y. Bengio and A. Courville, *Deep Learning*, MIT Press, 2016 (free online at
//   deeplearningbook.org): §3.13 (information theory), §4.1 (overflow and underflow, softmax), §5.5
//   (maximum likelihood and cross-entropy), §6.2.2 (sigmoid and softmax output units).
// - PyTorch documentation: `torch.nn.CrossEntropyLoss`, `torch.nn.BCEWithLogitsLoss`
//   (`pos_weight`), `torch.nn.KLDivLoss` and `torch.nn.functional.log_softmax`, at
//   pytorch.org/docs; the library's `Losses` class follows their formulas and reductions.
// - TensorFlow documentation: `tf.nn.softmax_cross_entropy_with_logits`,
//   `tf.nn.sigmoid_cross_entropy_with_logits`, `tf.keras.losses.CategoricalCrossentropy` and
//   `BinaryCrossentropy` (note the `from_logits` argument, and Keras' clipping of probabilities
//   that notebook 4 measures), at tensorflow.org/api_docs.
// - The source blog: a Chinese post on cross-entropy (交叉熵) in eight sections, 背景介绍 (background) to
//   常见问题与解答 (FAQ), with a NumPy and TensorFlow example. The README's section "What the blog gets
//   wrong" lists its mistakes and where each notebook corrects them.
//
// --- **Next:** [1. Entropy](01-entropy.ipynb) · Back to the [README](../README.md)
