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
// lib/NotebookRunner -c Release -- export`): edit the notebook, not this file. The properties above: the app pins
// its own package versions, runs as an ordinary (not native AOT) program, and is not held to the library's analyzers.

using NotebookApp;
using System.Collections;
using System.Text;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrossEntropy.Interactive.Localization;

Notebook.Start("../00-start-here.ipynb");

// # 0. Start here: the course map
//
// This course teaches entropy, cross-entropy, KL divergence and softmax, and the numerical traps of
// computing them, in C# notebooks that run every claim they make. It follows a Chinese blog post on
// cross-entropy (<span lang="zh-CN">交叉熵</span>) section by section (see [References](#references)
// for which post), checks every number it gives, and corrects its mistakes openly. This notebook is
// for readers choosing a path and for teachers preparing a class: the map, what to know first, how
// long each notebook takes, how to hand out a student edition, a glossary in English and Chinese,
// and where to read further.
//
// **What you will find here**
//
// - the map of notebooks 0–8 and what each one shows;
// - the prerequisites;
// - each notebook's measured run time, and an estimate of its time in class computed from its
//   content;
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
// | 8 | [Cross-entropy in modern training](08-cross-entropy-in-modern-training.ipynb) | squared error vs cross-entropy, calibration (reliability diagram, ECE, temperature scaling), focal loss vs pos_weight, knowledge distillation (T²), mixed precision (Half, bfloat16, loss in float32, loss scaling) |
//
// Notebooks 1–4 are the core and build on each other; 5 and 6 apply them; 7 is about speed; 8 is
// about training practice. A reader short of time can do 1 → 2 → 3 → 4 and pick from the rest.
//
// **Prerequisites.** C# at the level of arrays, LINQ and lambdas; logarithms, exponentials and sums
// (high-school algebra); a discrete probability distribution (numbers that are non-negative and sum
// to 1). No machine learning is assumed: notebook 5 introduces what it needs. Notebooks 1, 2, 4 and
// 7 need nothing more. Three notebooks use calculus beyond that, and teach each step where they use
// it; a reader who has never met these ideas should expect to go slowly there, and can read the
// pointers first:
//
// - [notebook 3](03-softmax-example.ipynb), section "The gradient": derivatives, **partial
//   derivatives**, the **chain rule**, and the **Jacobian** (the matrix of partial derivatives of
//   the softmax's outputs with respect to its inputs);
// - [notebook 5](05-training-a-classifier.ipynb), sections "The gradient" and "Training by gradient
//   descent": the same gradient for a whole batch, written with matrices (**matrix calculus**: the
//   gradient of the loss with respect to a weight matrix);
// - [notebook
//   6](06-cross-entropy-in-practice.ipynb#3-click-prediction-binary-cross-entropy-with-rare-positives),
//   section 3: **Newton's method** and the **Hessian** (the matrix of second partial derivatives).
//
// For a refresher, Goodfellow, Bengio and Courville's *Deep Learning* (see
// [References](#references)) covers partial derivatives and the gradient in §4.3, and the Jacobian,
// the Hessian and Newton's method in §4.3.1; its chapter 2 covers the linear algebra.
//
// To run the notebooks: the .NET 10 SDK and VS Code with the *Polyglot Notebooks* extension (or
// Jupyter with the .NET kernel); the repository's README says how.

// (notebook only) #r "nuget: Plotly.NET.Interactive, 6.0.0"
// (notebook only) #r "nuget: Plotly.NET.CSharp, 0.14.0"
// (notebook only) #r "nuget: MathNet.Numerics, 5.0.0"
// (notebook only) #r "nuget: System.Numerics.Tensors, 10.0.15"
// (notebook only) #r "../lib/CrossEntropy.Numerics/bin/Release/net10.0/CrossEntropy.Numerics.dll"
// (notebook only) #r "../lib/CrossEntropy.Interactive/bin/Release/net10.0/CrossEntropy.Interactive.dll"
// (notebook only) CrossEntropy.Interactive.KernelSetup.Install(); // FSharp.Core workaround for Plotly.NET + HTML views; see the README

// ## How long each notebook takes
//
// Two numbers per notebook.
//
// The **class time** is an estimate computed by the cell below from each notebook's own content, so
// it follows the notebooks when they change. It is a model, not a measurement of students:
//
// - prose: the words of the markdown cells (worked answers left out: students write those) read at
//   150 words a minute. The rate comes from one study that timed English and Chinese readers on
//   equivalent texts, the International Reading Speed Texts (IReST: Trauzettel-Klosinski & Dietz
//   2012, [IOVS 53(9):5452](https://doi.org/10.1167/iovs.11-8284)), where adults read plain texts
//   aloud at 228 words a minute in English and 255 characters a minute in Chinese; the course slows
//   both by the same factor, 150/228, because its text is technical and full of formulas. The
//   Chinese edition therefore estimates from the Chinese notebooks, counting Chinese characters at
//   255 × 150/228 a minute (the cell prints the rate) and the Latin words among them (terms,
//   symbols, numbers) at 150 a minute;
// - code: half a minute per code cell to run it and look at its output, plus a minute per 10 lines
//   to read the code;
// - exercises, by kind: one answered with a value that a check tests takes 5 minutes to read and
//   plan plus 2 minutes per line of the teacher's solution (the lines between the solution markers,
//   comments left out), so a one-line computation counts 7 minutes; one answered with an
//   explanation and a self-check takes 8 minutes;
// - the total, rounded up to 5 minutes.
//
// The **run time** is measured: in the repository, the main job (`dotnet run --project
// lib/NotebookRunner -c Release`) records how long each notebook took to execute, kernel start
// included, in `artifacts/run-times.json` (copied into the student edition as `run-times.json`).
// The runner executes this notebook after the others and records their times first, so the table
// below shows the run that just happened; this notebook's own time is that of the previous run. The
// times depend on the machine, so that cell is tagged `machine-dependent`: the runner executes it
// but does not compare its output. The class-time cell is tagged `edition-dependent`: its numbers
// differ between the English and the Chinese edition by design (each counts its own text), so the
// test that compares the two editions' outputs leaves that cell out, by name.

Notebook.Cell(5);
// Each edition estimates from its own notebooks: a reader of the Chinese edition reads Chinese characters.
bool chinese = CourseLanguage.Current == CourseLanguage.Chinese;
// Reading rates (see above): IReST's 228 English words and 255 Chinese characters a minute, both slowed to 150/228 of
// the rate for technical text full of formulas. Latin words in Chinese prose (terms, symbols, numbers) are read as words.
const double IrestWordsPerMinute = 228, IrestCharactersPerMinute = 255, WordsPerMinute = 150;
const double CharactersPerMinute = IrestCharactersPerMinute * WordsPerMinute / IrestWordsPerMinute;
const string ChineseCharacter = @"\p{IsCJKUnifiedIdeographs}";

string Text(JsonElement cell)
{
    var source = cell.GetProperty("source");
    return source.ValueKind == JsonValueKind.Array ? string.Concat(source.EnumerateArray().Select(l => l.GetString())) : source.GetString()!;
}
bool Tagged(JsonElement cell, string tag) =>
    cell.TryGetProperty("metadata", out var m) && m.TryGetProperty("tags", out var tags) && tags.EnumerateArray().Any(t => t.GetString() == tag);
int CodeLines(string code) => code.Split('\n').Count(l => l.Trim().Length > 0 && !l.Trim().StartsWith("//"));

Content Measure(string file)
{
    using var notebook = JsonDocument.Parse(File.ReadAllText(file));
    var cells = notebook.RootElement.GetProperty("cells").EnumerateArray().ToArray();
    string title = file; int characters = 0, words = 0, codeCells = 0, codeLines = 0;
    var exercises = new List<Exercise>();
    for (int i = 0; i < cells.Length; i++)
    {
        string text = Text(cells[i]);
        bool isCode = cells[i].GetProperty("cell_type").GetString() == "code";
        if (isCode && !text.Contains("// BEGIN SOLUTION")) { codeCells++; codeLines += CodeLines(text); }
        if (isCode || Tagged(cells[i], "solution")) continue;
        if (title == file && text.StartsWith("# ")) title = text.Split('\n')[0][2..];
        if (chinese) { characters += Regex.Matches(text, ChineseCharacter).Count; text = Regex.Replace(text, ChineseCharacter, " "); }
        words += Regex.Matches(text, @"[\p{L}\p{N}]+").Count;
        if (Tagged(cells[i], "exercise") && i + 1 < cells.Length)
        {
            var answer = cells[i + 1];
            var solution = Regex.Match(Text(answer), @"// BEGIN SOLUTION\n(.*?)// END SOLUTION", RegexOptions.Singleline);
            exercises.Add(answer.GetProperty("cell_type").GetString() == "markdown"
                ? new Exercise(Explained: true, 0)
                : new Exercise(Explained: false, solution.Success ? CodeLines(solution.Groups[1].Value) : 0));
        }
    }
    return new Content(title, characters, words, codeCells, codeLines, exercises.ToArray());
}

// The model stated above, in minutes.
double ExerciseMinutes(Exercise e) => e.Explained ? 8 : 5 + 2 * e.SolutionLines;
double ProseMinutes(Content c) => c.Characters / CharactersPerMinute + c.Words / WordsPerMinute;
int ClassMinutes(Content c) =>
    (int)Math.Ceiling((ProseMinutes(c) + 0.5 * c.CodeCells + c.CodeLines / 10.0 + c.Exercises.Sum(ExerciseMinutes)) / 5) * 5;

var notebooks = Directory.GetFiles(".", "0?-*.ipynb").Select(Path.GetFileName).Where(name => name!.EndsWith(".zh-CN.ipynb") == chinese).Order(StringComparer.Ordinal)
    .Select(name => (Name: name!, Content: Measure(name!))).ToArray();
Display.Show(new CrossEntropy.Interactive.TableView(
    new[] { "notebook", "prose (words)", "code cells", "code lines", "exercises: value / explained", "exercise minutes", "class time (min, estimate)" },
    notebooks.Select(n => (IReadOnlyList<object?>)new object?[] { n.Content.Title,
        chinese ? $"{n.Content.Characters} / {n.Content.Words}" : n.Content.Words, n.Content.CodeCells, n.Content.CodeLines,
        $"{n.Content.Exercises.Count(e => !e.Explained)} / {n.Content.Exercises.Count(e => e.Explained)}",
        (int)n.Content.Exercises.Sum(ExerciseMinutes), ClassMinutes(n.Content) }).ToArray(),
    Title: "Class time, estimated from each notebook's content: " + (chinese
        ? $"prose read at {CharactersPerMinute:F1} Chinese characters and {WordsPerMinute} other words a minute"
        : $"prose read at {WordsPerMinute} words a minute")));

Notebook.Cell(6);
string? timesFile = new[] { "../artifacts/run-times.json", "../run-times.json" }.FirstOrDefault(File.Exists);
var runTimes = timesFile is null ? new Dictionary<string, double>()
    : JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(timesFile))!;
Display.Show(new CrossEntropy.Interactive.TableView(new[] { "notebook", "run time (s)" },
    notebooks.Select(n => (IReadOnlyList<object?>)new object?[] { n.Name, runTimes.TryGetValue(n.Name, out var s) ? s : "not measured yet" }).ToArray(),
    Digits: 1,
    Title: timesFile is null ? "No run times recorded yet: run the main job once." : $"Run times from {timesFile}, written by the main job"));

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
// **Producing it.** In the repository, the main job writes the student edition every time it runs:
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
// the job with the notebook and cell named. The Chinese edition's hand-out is made the same way
// from the Chinese notebooks (`NN-name.zh-CN.ipynb`, names kept so their links work) into
// `artifacts/student-zh-CN/`, with its README and placeholders in Chinese.
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
// English terms as this course uses them, with the Chinese term beside each (marked as Chinese,
// `lang="zh-CN"`, so that browsers and screen readers treat it as such). A **bold** Chinese term is
// the one the source blog itself uses; the others are the usual Chinese terms, given to help a
// reader of the blog find the idea.
//
// | Term | <span lang="zh-CN">中文</span> (Chinese) | Meaning | First in |
// |---|---|---|---|
// | $n$ in $-\sum_{i=1}^n p(i)\log q(i)$ | — | the number of outcomes (classes) of the distribution. The blog says "<span lang="zh-CN">$n$是数据的维度</span>" (the dimension of the data): that is wrong, the data may have any dimension | 2 |
// | $n$-gram model | <span lang="zh-CN">n 元模型</span> | a model that predicts each symbol from the $n - 1$ symbols before it, with probabilities counted in a training text | 6 |
// | `log1p` | — | $\log(1 + x)$ computed without first rounding $1 + x$, so it stays accurate for tiny $x$, where `log(1 + x)` loses the digits of $x$ | 4 |
// | `pos_weight` | <span lang="zh-CN">正样本权重</span> | a weight on the positive term of binary cross-entropy, used against class imbalance | 6 |
// | add-$k$ smoothing | <span lang="zh-CN">加 k 平滑</span> | adding $k$ to every count before turning counts into probabilities, so that nothing seen zero times gets probability 0 (add-one: $k = 1$, Laplace smoothing) | 6 |
// | arithmetic coding | <span lang="zh-CN">算术编码</span> | a coder that spends $-\log_2 q$ bits on a symbol of model probability $q$, fractions of a bit included: a whole message costs less than 2 bits over its total cross-entropy | 2 |
// | bfloat16 | bfloat16（<span lang="zh-CN">脑浮点数</span>） | 16 bits: float32's 8 exponent bits, 8 significant bits; no .NET 10 type | 8 |
// | binary classification | **<span lang="zh-CN">二元分类</span>** | predicting one of two classes | 3 |
// | binary cross-entropy (BCE) | <span lang="zh-CN">二元交叉熵</span> | cross-entropy of a two-outcome distribution, one probability per example: $-[t\log\sigma(x) + (1-t)\log(1-\sigma(x))]$ | 4 |
// | bit | <span lang="zh-CN">比特</span> | the unit of information with base-2 logarithms: one fair coin flip | 1 |
// | calibration | <span lang="zh-CN">校准</span> | of the predictions made with confidence c, a fraction c is right | 8 |
// | class imbalance | <span lang="zh-CN">类别不平衡</span> | one class much rarer than the others, as clicks among impressions | 6 |
// | conditional entropy | <span lang="zh-CN">条件熵</span> | $H(Y \mid X) = -\sum_{x,y} P(x, y)\log P(y \mid x)$: the entropy of the label at each input, averaged over inputs; the floor of a classifier's cross-entropy | 6 |
// | cross-entropy | **<span lang="zh-CN">交叉熵</span>** | $H(p, q) = -\sum_i p(i)\log q(i)$: the average surprisal of outcomes drawn from $p$ under the model $q$ | 2 |
// | Dirichlet distribution | <span lang="zh-CN">狄利克雷分布</span> | a distribution over probability vectors; used to draw random distributions | 1 |
// | entropy (Shannon entropy) | **<span lang="zh-CN">熵</span>**（**<span lang="zh-CN">香农熵</span>**） | $H(p) = -\sum_i p(i)\log p(i)$: the average surprisal, the uncertainty of $p$ | 1 |
// | expected calibration error (ECE) | <span lang="zh-CN">期望校准误差</span> | $\sum_b \frac{n_b}{N}\lvert\mathrm{acc}(b)-\mathrm{conf}(b)\rvert$ over confidence bins; depends on the binning | 8 |
// | focal loss | <span lang="zh-CN">焦点损失</span>（Focal Loss） | $-\alpha_t(1-p_t)^\gamma\log p_t$: cross-entropy with easy examples down-weighted | 8 |
// | Gibbs' inequality | <span lang="zh-CN">吉布斯不等式</span> | $D_{KL}(p \,\|\, q) \ge 0$, with equality only for $q = p$; so $H(p, q) \ge H(p)$ | 2 |
// | gradient | <span lang="zh-CN">梯度</span> | the vector of partial derivatives; for softmax cross-entropy with respect to the logits, $q - p$ | 3 |
// | half precision (Half, float16) | <span lang="zh-CN">半精度浮点数</span> | IEEE binary16: 5 exponent bits, 11 significant bits, largest 65504 | 8 |
// | hartley (ban, dit) | <span lang="zh-CN">哈特莱</span> | the unit of information with base-10 logarithms; $\log_{10}$ only changes the unit, which is why it cannot fix stability | 1 |
// | Hessian | <span lang="zh-CN">黑塞矩阵</span>（<span lang="zh-CN">海森矩阵</span>） | the matrix of second partial derivatives $\partial^2 L/\partial w_a\,\partial w_b$; Newton's method divides by it | 6 |
// | Huffman code, prefix code | <span lang="zh-CN">哈夫曼编码</span>，<span lang="zh-CN">前缀码</span> | codes that give each symbol a whole number of bits; on data from the distribution they were built for, rounding costs a Huffman code less than one bit per symbol over the entropy | 2 |
// | information theory | **<span lang="zh-CN">信息论</span>** | the mathematics of information, coding and communication (Shannon, 1948) | 1 |
// | Jacobian | <span lang="zh-CN">雅可比矩阵</span> | the matrix of partial derivatives of a vector function's outputs with respect to its inputs, e.g. of softmax | 3 |
// | Jensen–Shannon (JS) divergence | <span lang="zh-CN">JS 散度</span>（<span lang="zh-CN">詹森-香农散度</span>） | $\tfrac12 D_{KL}(p \,\|\, m) + \tfrac12 D_{KL}(q \,\|\, m)$ with $m = (p + q)/2$: symmetric, at most 1 bit | 2 |
// | KL divergence (relative entropy) | <span lang="zh-CN">KL 散度</span>（<span lang="zh-CN">相对熵</span>） | $D_{KL}(p \,\|\, q) = \sum_i p(i)\log\frac{p(i)}{q(i)} = H(p, q) - H(p) \ge 0$ | 2 |
// | knowledge distillation | <span lang="zh-CN">知识蒸馏</span> | training a student on a teacher's softened probabilities, loss $T^2\,\mathrm{KL}(p_T\,\|\,q_T)$ | 8 |
// | label smoothing | <span lang="zh-CN">标签平滑</span> | training targets $(1-\varepsilon)\,e_y + \varepsilon/C$ instead of one-hot; the loss floor becomes $H$ of that target | 5 |
// | log-sum-exp | <span lang="zh-CN">对数求和指数</span>（LogSumExp） | $\log\sum_i e^{z_i} = m + \log\sum_i e^{z_i - m}$ with $m = \max_i z_i$: the stable form | 4 |
// | logit | logit（<span lang="zh-CN">未归一化的对数分数</span>） | a raw score $z_i$ whose softmax is a probability; for two classes, the log-odds $\log\frac{p}{1-p}$ (<span lang="zh-CN">对数几率</span>) | 3 |
// | loss function | **<span lang="zh-CN">损失函数</span>** | the number training minimises; here cross-entropy | 3 |
// | loss scaling | <span lang="zh-CN">损失缩放</span> | multiplying the loss by S so small gradients do not underflow in 16 bits | 8 |
// | maximum likelihood | <span lang="zh-CN">最大似然</span> | choosing the model that makes the observed data most probable; minimising cross-entropy does exactly that | 5 |
// | mixed precision | <span lang="zh-CN">混合精度</span> | 16-bit matrix products, float32 losses, reductions and weight updates | 8 |
// | nat | <span lang="zh-CN">奈特</span> | the unit of information with natural logarithms; 1 nat = $1/\ln 2$ bits | 1 |
// | Newton's method | <span lang="zh-CN">牛顿法</span> | minimising by jumping to the minimum of the local quadratic approximation: $w \leftarrow w - H^{-1}g$ | 6 |
// | numerical stability | **<span lang="zh-CN">数值稳定性</span>** | computing a formula so that rounding, overflow and underflow do not spoil a result that is representable | 4 |
// | one-hot encoding | <span lang="zh-CN">独热编码</span> | a label $y$ written as the distribution $e_y$: 1 for the true class, 0 for the others | 3 |
// | perplexity | <span lang="zh-CN">困惑度</span> | $2^{H}$ with $H$ in bits ($e^{H}$ in nats): the number of equally likely choices with the same uncertainty | 1 |
// | precision, recall | <span lang="zh-CN">精确率</span>，<span lang="zh-CN">召回率</span> | of the examples a classifier flags, the share that are positive; of the positives, the share it flags | 6 |
// | predicted distribution | **<span lang="zh-CN">预测分布</span>** | the model's $q$ | 2 |
// | probability distribution | **<span lang="zh-CN">概率分布</span>** | non-negative numbers that sum to 1, one per outcome | 1 |
// | probability mass function | <span lang="zh-CN">概率质量函数</span> | the probabilities of a discrete distribution. The blog calls them **<span lang="zh-CN">概率密度</span>** (probability density), which is the continuous notion | 1 |
// | proper scoring rule | <span lang="zh-CN">恰当评分规则</span> | expected loss smallest when the reported probabilities are the true ones; NLL is strictly proper | 8 |
// | reliability diagram | <span lang="zh-CN">可靠性图</span> | accuracy against confidence per bin; calibrated = on the diagonal | 8 |
// | sigmoid (logistic function) | <span lang="zh-CN">逻辑斯谛函数</span>，<span lang="zh-CN">Logistic 函数</span>，<span lang="zh-CN">S 型函数</span> | $\sigma(x) = 1/(1 + e^{-x})$: the two-class softmax. Not <span lang="zh-CN">逻辑函数</span>, which also means a Boolean function | 4 |
// | soft targets, dark knowledge | <span lang="zh-CN">软目标</span>，<span lang="zh-CN">暗知识</span> | a teacher's full probability vector, whose small entries carry class similarity | 8 |
// | softmax | **<span lang="zh-CN">softmax</span>** | $\mathrm{softmax}(z)_i = e^{z_i}/\sum_j e^{z_j}$: turns logits into a distribution | 3 |
// | subnormal number | <span lang="zh-CN">次正规数</span>（<span lang="zh-CN">非规格化数</span>） | a floating-point number below the smallest normal one, with fewer significant bits; notebook 4 finds where $e^x$ becomes subnormal in float | 4 |
// | surprisal (self-information) | <span lang="zh-CN">自信息</span>（<span lang="zh-CN">惊异度</span>） | $-\log p$: the information of an outcome of probability $p$; a logarithm because information of independent events adds | 1 |
// | temperature | <span lang="zh-CN">温度</span> | the divisor $T$ in $\mathrm{softmax}(z/T)$: $T > 1$ flattens the distribution, $T < 1$ sharpens it | 3 |
// | temperature scaling | <span lang="zh-CN">温度缩放</span> | dividing all logits by one T fitted on held-out data; confidence changes, predicted class does not | 8 |
// | true distribution | **<span lang="zh-CN">真实分布</span>** | the data's $p$ | 2 |
// | ulp (unit in the last place) | <span lang="zh-CN">末位单位</span>（ULP） | the spacing between adjacent floating-point numbers at a value; errors are measured in ulps | 3 |
// | underflow, overflow | <span lang="zh-CN">下溢</span>，<span lang="zh-CN">上溢</span> | a result too small (rounded to 0 or subnormal) or too large (∞) for the format | 4 |
//
// ## References
//
// - C. E. Shannon, ["A Mathematical Theory of
//   Communication"](https://doi.org/10.1002/j.1538-7305.1948.tb01338.x), *Bell System Technical
//   Journal* 27 (1948): entropy and the source coding theorem.
// - T. M. Cover and J. A. Thomas, [*Elements of Information
//   Theory*](https://doi.org/10.1002/047174882X), 2nd ed., Wiley, 2006: chapter 2 (entropy,
//   relative entropy, Gibbs' inequality) and chapter 5 (data compression, Huffman and Shannon
//   codes, the cost of coding with the wrong distribution; the link behind notebooks 2 and 6). The
//   blog recommends this book as <span lang="zh-CN">《信息论基础》</span>.
// - D. J. C. MacKay, [*Information Theory, Inference, and Learning
//   Algorithms*](https://www.inference.org.uk/mackay/itila/), Cambridge University Press, 2003
//   (free online from the author): chapters 2 and 4 (entropy, surprisal), chapter 6 (arithmetic
//   coding with a predictive model).
// - I. Goodfellow, Y. Bengio and A. Courville, [*Deep
//   Learning*](https://www.deeplearningbook.org/), MIT Press, 2016 (free online): chapter 2 (linear
//   algebra), §3.13 (information theory), §4.1 (overflow and underflow, softmax), §4.3 (gradients,
//   the Jacobian, the Hessian and Newton's method), §5.5 (maximum likelihood and cross-entropy),
//   §6.2.2 (sigmoid and softmax output units). The blog recommends it as <span
//   lang="zh-CN">《深度学习》</span>.
// - PyTorch documentation:
//   [`torch.nn.CrossEntropyLoss`](https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html),
//   [`torch.nn.BCEWithLogitsLoss`](https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html)
//   (`pos_weight`),
//   [`torch.nn.KLDivLoss`](https://pytorch.org/docs/stable/generated/torch.nn.KLDivLoss.html) and
//   [`torch.nn.functional.log_softmax`](https://pytorch.org/docs/stable/generated/torch.nn.functional.log_softmax.html);
//   the library's `Losses` class follows their formulas and reductions.
// - TensorFlow documentation:
//   [`tf.nn.softmax_cross_entropy_with_logits`](https://www.tensorflow.org/api_docs/python/tf/nn/softmax_cross_entropy_with_logits),
//   [`tf.nn.sigmoid_cross_entropy_with_logits`](https://www.tensorflow.org/api_docs/python/tf/nn/sigmoid_cross_entropy_with_logits),
//   [`tf.keras.losses.CategoricalCrossentropy`](https://www.tensorflow.org/api_docs/python/tf/keras/losses/CategoricalCrossentropy)
//   and
//   [`BinaryCrossentropy`](https://www.tensorflow.org/api_docs/python/tf/keras/losses/BinaryCrossentropy)
//   (note the `from_logits` argument, and Keras' clipping of probabilities that notebook 4
//   measures).
// - SciPy documentation:
//   [`scipy.stats.entropy`](https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.entropy.html),
//   whose documented values notebook 1 reproduces.
// - C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, ["On Calibration of Modern Neural
//   Networks"](https://arxiv.org/abs/1706.04599), ICML 2017: reliability diagrams, ECE and
//   temperature scaling (notebook 8).
// - T. Gneiting and A. E. Raftery, ["Strictly Proper Scoring Rules, Prediction, and
//   Estimation"](https://doi.org/10.1198/016214506000001437), *JASA* 102 (2007): why NLL rewards
//   honest probabilities (notebook 8).
// - T.-Y. Lin, P. Goyal, R. Girshick, K. He and P. Dollár, ["Focal Loss for Dense Object
//   Detection"](https://arxiv.org/abs/1708.02002), ICCV 2017, and torchvision's
//   [`sigmoid_focal_loss`](https://pytorch.org/vision/main/generated/torchvision.ops.sigmoid_focal_loss.html),
//   whose semantics `Losses.SigmoidFocalLoss` follows (notebook 8).
// - G. Hinton, O. Vinyals and J. Dean, ["Distilling the Knowledge in a Neural
//   Network"](https://arxiv.org/abs/1503.02531), 2015: soft targets at temperature T and the T²
//   factor (notebook 8).
// - P. Micikevicius et al., ["Mixed Precision Training"](https://arxiv.org/abs/1710.03740), ICLR
//   2018, PyTorch's [automatic mixed precision](https://pytorch.org/docs/stable/amp.html), and D.
//   Kalamkar et al., ["A Study of BFLOAT16 for Deep Learning
//   Training"](https://arxiv.org/abs/1905.12322), 2019 (notebook 8).
// - **The source blog.** An untitled Chinese blog post on cross-entropy (<span
//   lang="zh-CN">交叉熵</span>), which the project received as plain text, without its address, author
//   or date; no URL for it is known, so the course quotes, in Chinese and in English, every passage
//   it discusses. It has nine headings, numbered 1 to 8 with two numbered 4:
//   <span lang="zh-CN">1. 背景介绍</span> (background), <span lang="zh-CN">2. 核心概念与联系</span> (core concepts),
//   <span lang="zh-CN">3. 核心算法原理具体操作步骤</span> (the formula), <span lang="zh-CN">4. 数学模型和公式详细讲解举例说明</span>
//   (the worked example), <span lang="zh-CN">4. 项目实践：代码实例和详细解释说明</span> (the NumPy and TensorFlow
//   code),
//   <span lang="zh-CN">5. 实际应用场景</span> (applications), <span lang="zh-CN">6. 工具和资源推荐</span> (resources),
//   <span lang="zh-CN">7. 总结：未来发展趋势与挑战</span> (outlook) and <span lang="zh-CN">8. 附录：常见问题与解答</span> (FAQ).
//   The README's section [What the blog gets wrong](../README.md#what-the-blog-gets-wrong) lists
//   its mistakes and where the course corrects each.
//
// --- **Next:** [1. Entropy](01-entropy.ipynb) · The [README](../README.md) is for developers
// (build, tests, benchmarks)

// Type declarations, moved here from their cells: in a file-based app they follow the top-level statements.

// From cell 5:
// What a notebook asks of a class: its title, its prose (Chinese characters and other words), its code, and its exercises by kind.
record Exercise(bool Explained, int SolutionLines);

// From cell 5:
record Content(string Title, int Characters, int Words, int CodeCells, int CodeLines, Exercise[] Exercises);
