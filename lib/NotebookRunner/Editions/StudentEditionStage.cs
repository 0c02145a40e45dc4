using System.Globalization;
using System.Text;
using NotebookRunner.Stages;

namespace NotebookRunner.Editions;

/// <summary>
/// The main job's student-edition step: write the hand-out folder (<c>artifacts/student/</c>), execute every
/// student notebook there, require no error and a "not solved yet" from every check, then put the student run's
/// outputs into the hand-out notebooks (except in check cells and cells tagged <c>solution</c>, which start empty).
/// Outputs of a student run cannot reveal an answer: no answer is in the notebook that produced them.
/// </summary>
/// <remarks>One stage for every edition: the English hand-out is made from the English notebooks, a translated one
/// (<paramref name="language"/>, e.g. <c>zh-CN</c>) from the committed translated notebooks (<c>NN-name.zh-CN.ipynb</c>,
/// names kept so their links to each other work) with its README and placeholders from
/// <see cref="HandoutText.Load"/>.</remarks>
/// <param name="executor">Runs notebooks; its layout gives the repository.</param>
/// <param name="root">The hand-out folder; <see cref="DefaultRoot"/> for the main job.</param>
/// <param name="conventions">The tags, markers and placeholders; the course's when null.</param>
/// <param name="language">A translated edition's language tag; null for the English (original) edition.</param>
/// <exception cref="EditionException">A translated edition's hand-out text is missing or stale (the message names it).</exception>
public sealed class StudentEditionStage(Executor executor, string root, NotebookConventions? conventions = null, string? language = null)
{
    private readonly NotebookConventions conventions = conventions ?? NotebookConventions.Default;

    /// <summary>The executor.</summary>
    public Executor Executor { get; } = executor ?? throw new ArgumentNullException(nameof(executor));

    /// <summary>The edition's language tag; null for the English (original) edition.</summary>
    public string? Language { get; } = language;

    /// <summary>The hand-out folder's writer.</summary>
    public StudentEditionWriter Writer { get; } = MakeWriter(executor, root, conventions, language);

    private static StudentEditionWriter MakeWriter(Executor executor, string root, NotebookConventions? conventions, string? language)
    {
        ArgumentNullException.ThrowIfNull(executor);
        var text = language is null
            ? HandoutText.English(conventions)
            : HandoutText.Load(Translation.TranslatedEdition.TranslationsDirectory(executor.Layout, language), language, conventions);
        var edition = text.Apply(conventions);
        return new StudentEditionWriter(executor.Layout.NotebooksDirectory, root, teacher => StudentEdition.Create(teacher, edition), text);
    }

    /// <summary>The editions the main job hands out: the English (null), then each translated edition of
    /// <see cref="Translation.TranslationStage.Languages"/> whose translations folder exists.</summary>
    /// <param name="layout">The repository layout.</param>
    /// <returns>The language tags, null first.</returns>
    public static IReadOnlyList<string?> Editions(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return [null, .. Translation.TranslationStage.Languages.Where(l => Directory.Exists(Translation.TranslatedEdition.TranslationsDirectory(layout, l)))];
    }

    /// <summary>The edition a notebook belongs to: its language tag (<c>01-entropy.zh-CN.ipynb</c> → <c>zh-CN</c>), or
    /// null for an English notebook.</summary>
    /// <param name="fileName">A notebook's file name.</param>
    /// <returns>The tag or null.</returns>
    public static string? EditionOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return Translation.TranslatedEdition.IsTranslatedNotebook(fileName)
            ? Path.GetExtension(Path.GetFileNameWithoutExtension(fileName)).TrimStart('.')
            : null;
    }

    /// <summary>The notebooks of this edition's hand-out (every one, whatever is selected): the English numbered
    /// notebooks, or their committed translations.</summary>
    /// <returns>File names in the notebooks folder.</returns>
    public IReadOnlyList<string> HandoutNotebooks()
    {
        var english = Executor.Layout.NumberedNotebooks();
        return Language is null
            ? english
            : english.Select(n => Translation.TranslatedEdition.FileNameFor(n, Language)).Where(n => File.Exists(Executor.Layout.CommittedPath(n))).ToArray();
    }

    /// <summary>Where the student runs' executed copies go: beside the hand-out, never inside it.</summary>
    public string ExecutedDirectory => Writer.Root + "-executed";

    /// <summary>The main job's hand-out folder of an edition, in the artifacts folder: <c>artifacts/student</c> for the
    /// English edition, <c>artifacts/student-zh-CN</c> for the Chinese one (<c>student-</c> and the language tag).</summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="language">A translated edition's language tag; null for the English edition.</param>
    /// <returns>The path.</returns>
    public static string DefaultRoot(RepoLayout layout, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Path.Combine(layout.ArtifactsDirectory, language is null ? "student" : "student-" + language);
    }

    /// <summary>Writes the hand-out folder and, unless <paramref name="execute"/> is false, executes and checks it.</summary>
    /// <param name="names">The notebooks to execute; the folder is always rebuilt with every numbered notebook.</param>
    /// <param name="execute">Whether to execute the student notebooks.</param>
    /// <param name="parallel">How many notebooks run at once.</param>
    /// <param name="timeout">The per-notebook limit.</param>
    /// <param name="report">Receives one line per event.</param>
    /// <param name="extraFiles">Files copied into the hand-out's root (see <see cref="StudentEditionWriter.Write"/>).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The student runs (empty when not executed) and whether everything passed.</returns>
    public async Task<(IReadOnlyList<ExecutionResult> Runs, bool Passed)> RunAsync(IReadOnlyList<string> names, bool execute,
        int parallel, TimeSpan timeout, Action<string> report, IReadOnlyList<string>? extraFiles = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(report);
        try
        {
            // Always the whole course: a hand-out is complete, and a notebook may read its neighbours (notebook 6 does).
            // A translated hand-out also carries the English student notebooks: a translated notebook may read their
            // prose (notebook 6 trains on the English text of notebooks 1-5, so both editions print the same numbers).
            Writer.Write(HandoutNotebooks(), clean: true, extraFiles, Language is null ? null : Executor.Layout.NumberedNotebooks());
        }
        catch (Exception e) when (e is EditionException or FileNotFoundException)
        {
            report("FAILED student edition: " + e.Message);
            return ([], false);
        }
        var where = Path.GetRelativePath(Executor.Layout.Root, Writer.Root);
        report($"Student edition: written to {where}/");
        if (!execute)
        {
            return ([], true);
        }

        // Each notebook is judged and reported as soon as it finishes, so a long student run shows progress.
        var passed = true;
        var runs = await ThrottledLoop.RunAsync(names, parallel, async (name, token) =>
        {
            var run = await NotebookRunner.Executor.ExecuteInAsync(Writer.NotebooksDirectory, name, Path.Combine(ExecutedDirectory, name),
                timeout, null, token).ConfigureAwait(false);
            var checkCells = CheckCells(NotebookFile.Load(Path.Combine(Executor.Layout.NotebooksDirectory, run.Name)), conventions);
            var problems = Problems(run, checkCells);
            if (problems.Count > 0)
            {
                passed = false;
                report($"  ERROR student {run.Name}: " + string.Join("\n    ", problems));
            }
            else
            {
                AdoptOutputs(run, checkCells, conventions);
                report(string.Create(CultureInfo.InvariantCulture,
                    $"  student {run.Name}: {Runner.Seconds(run.WallTime)}, {checkCells.Count} check(s) not solved yet"));
            }
            return run;
        }, cancellationToken).ConfigureAwait(false);

        return (runs, passed);
    }

    /// <summary>What is wrong with a student run: errors, and checks that do not say "not solved yet".</summary>
    /// <param name="run">The student run.</param>
    /// <param name="checkCells">The 1-based numbers of the check cells (from the teacher notebook; the student's have no markers).</param>
    /// <returns>One line per problem; empty when it passed.</returns>
    public static IReadOnlyList<string> Problems(ExecutionResult run, IReadOnlySet<int> checkCells)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(checkCells);
        var problems = run.Errors.Select(e => e.ToString()).ToList();
        if (run.Executed is not null)
        {
            problems.AddRange(run.Executed.View().CodeCells
                .Where(c => checkCells.Contains(c.Number) && c.Verdict != CheckState.NotSolvedYet)
                .Select(c => $"cell {c.Number}: the check reports {c.Verdict}, not NotSolvedYet, with the answer taken out"));
        }
        return problems;
    }

    /// <summary>The 1-based numbers of a teacher notebook's check cells (code cells with solution markers).</summary>
    /// <param name="teacher">A teacher notebook.</param>
    /// <param name="conventions">The markers; the course's when null.</param>
    /// <returns>The numbers.</returns>
    public static IReadOnlySet<int> CheckCells(NotebookFile teacher, NotebookConventions? conventions = null)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        return teacher.View().CodeCells.Where(c => SolutionRegions.HasMarkers(c.Source, conventions)).Select(c => c.Number).ToHashSet();
    }

    private static void AdoptOutputs(ExecutionResult run, IReadOnlySet<int> checkCells, NotebookConventions conventions)
    {
        var handout = NotebookFile.Load(run.CommittedPath);
        var merged = OutputMerger.Merge(handout, run.Executed!);
        foreach (var (_, cell) in merged.CodeCells.Where(c =>
                     checkCells.Contains(c.Number) || NotebookFile.HasTag(c.Cell, conventions.SolutionTag)))
        {
            NotebookFile.ClearOutputs(cell);
        }
        File.WriteAllText(run.CommittedPath, merged.ToJson(), new UTF8Encoding(false));
    }
}
