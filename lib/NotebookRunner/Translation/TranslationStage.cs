namespace NotebookRunner.Translation;

/// <summary>
/// The main job's translation step, before anything executes: regenerate each translated edition from the English
/// notebooks and report every cell out of step (one line each); the job fails when there is one.
/// </summary>
public static class TranslationStage
{
    /// <summary>The translated editions the main job builds and checks.</summary>
    public static readonly IReadOnlyList<string> Languages = [TranslatedEdition.Chinese];

    /// <summary>
    /// The translated notebooks of the given English ones, for every edition in <see cref="Languages"/> that has a
    /// translation file for it (the file may not be generated yet): what a run can select besides the English.
    /// </summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="english">English notebook file names.</param>
    /// <returns>The translated notebooks' file names.</returns>
    public static IReadOnlyList<string> NotebooksOf(RepoLayout layout, IEnumerable<string> english) =>
        Languages.SelectMany(language => NotebooksOf(layout, english, language)).ToArray();

    /// <summary>The translated notebooks of the given English ones in one language (those with a translation file).</summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="english">English notebook file names.</param>
    /// <param name="language">The language tag.</param>
    /// <returns>The translated notebooks' file names, in the English order.</returns>
    public static IReadOnlyList<string> NotebooksOf(RepoLayout layout, IEnumerable<string> english, string language) =>
        english
            .Where(name => File.Exists(Path.Combine(TranslatedEdition.TranslationsDirectory(layout, language), Path.ChangeExtension(name, ".json"))))
            .Select(name => TranslatedEdition.FileNameFor(name, language))
            .ToArray();

    /// <summary>Regenerates every edition in <see cref="Languages"/> and reports.</summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="report">Receives one line per event.</param>
    /// <returns>The translated notebooks (to execute and check like the English ones) and whether all are in step.</returns>
    public static (IReadOnlyList<string> Notebooks, bool InStep) Regenerate(RepoLayout layout, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var notebooks = new List<string>();
        var inStep = true;
        foreach (var language in Languages)
        {
            var result = TranslatedEdition.Write(layout, language);
            notebooks.AddRange(result.Notebooks);
            foreach (var finding in result.Findings)
            {
                report("  TRANSLATION " + finding);
            }
            report($"{language} edition: {result.Notebooks.Count} notebook(s) generated, {result.Written.Count} rewritten, " +
                   (result.InStep ? "in step with the English" : $"{result.Findings.Count} cell(s) out of step (see README, \"中文版 / Chinese edition\")"));
            inStep &= result.InStep;
        }
        return (notebooks, inStep);
    }
}
