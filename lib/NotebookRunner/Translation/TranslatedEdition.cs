using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookRunner.Translation;

/// <summary>What generating a translated edition produced, and every way it is out of step with the English.</summary>
/// <param name="Notebooks">The translated notebooks' file names (<c>01-entropy.zh-CN.ipynb</c>), in English order.</param>
/// <param name="Written">Those whose file changed on disk in this call.</param>
/// <param name="Findings">Stale, missing or broken cells; empty when the edition is in step.</param>
public sealed record TranslationResult(IReadOnlyList<string> Notebooks, IReadOnlyList<string> Written, IReadOnlyList<DriftFinding> Findings)
{
    /// <summary>Whether no finding was reported (the main job and the tests fail otherwise).</summary>
    public bool InStep => Findings.Count == 0;
}

/// <summary>
/// Generates a translated edition of the numbered notebooks (English notebook + <c>notebooks/translations/&lt;language&gt;/NN-name.json</c>
/// → <c>notebooks/NN-name.&lt;language&gt;.ipynb</c>, beside the English so that relative paths work unchanged) and
/// reports every cell the translation no longer matches.
/// <para>Generation rules, cell by cell (the English notebook is the one source of truth):</para>
/// <list type="bullet">
/// <item>the cell is the English cell (id, metadata, tags) with its source replaced; notebook metadata is the English one;</item>
/// <item>markdown: the translated text, with links to numbered notebooks pointed at their translated files and
/// <c>#anchors</c> at the heading in the same place of the translated notebook (<c>../</c> and web links unchanged);</item>
/// <item>code: the English source with the entry's text pairs applied in order, each by plain (all-occurrence)
/// replacement, then the setup call <c>KernelSetup.Install()</c> given the edition's language
/// (<c>KernelSetup.Install("zh-CN")</c>) so that the checks speak it;</item>
/// <item>outputs: those of the committed translated notebook's cell when its source is unchanged (same id), else none,
/// until the runner's refresh executes it.</item>
/// </list>
/// <para>Findings: no translation file, an entry count that differs from the English cell count, an English cell with no
/// entry, an entry of the wrong type, a stale entry (its <c>en</c> hash is not the English source's
/// <see cref="TranslationFile.HashOf"/>), a text pair not found, formulas (<c>$…$</c>) or numbers that differ from the
/// English, a code line the pairs must not touch (<c>#r</c>, solution markers) changed, an anchor with no heading.</para>
/// </summary>
public static partial class TranslatedEdition
{
    /// <summary>The Chinese edition's language tag.</summary>
    public const string Chinese = "zh-CN";

    /// <summary>Where a language's translation files live: <c>notebooks/translations/&lt;language&gt;/</c>.</summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="language">The language tag.</param>
    /// <returns>The folder.</returns>
    public static string TranslationsDirectory(RepoLayout layout, string language)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Path.Combine(layout.NotebooksDirectory, "translations", language);
    }

    /// <summary>The translated notebook's file name: <c>01-entropy.ipynb</c> → <c>01-entropy.zh-CN.ipynb</c>.</summary>
    /// <param name="english">The English notebook's file name.</param>
    /// <param name="language">The language tag.</param>
    /// <returns>The file name.</returns>
    public static string FileNameFor(string english, string language) =>
        Path.GetFileNameWithoutExtension(english) + "." + language + ".ipynb";

    /// <summary>True for a numbered notebook of a translated edition, such as <c>01-entropy.zh-CN.ipynb</c>.</summary>
    /// <param name="fileName">A file name without folder.</param>
    /// <returns>Whether it is one.</returns>
    public static bool IsTranslatedNotebook(string fileName) => TranslatedName().IsMatch(fileName);

    /// <summary>Generates the edition without writing anything: each notebook and the findings.</summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="language">The language tag.</param>
    /// <returns>The generated notebooks (file name, notebook) and the findings.</returns>
    public static (IReadOnlyList<(string FileName, NotebookFile Notebook)> Notebooks, IReadOnlyList<DriftFinding> Findings) Build(
        RepoLayout layout, string language = Chinese)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var sources = EditionSources.Load(layout, language);
        var findings = new List<DriftFinding>(sources.Findings);
        var notebooks = new List<(string, NotebookFile)>();
        foreach (var (english, translation) in sources.Pairs)
        {
            var fileName = FileNameFor(english.Name, language);
            var committedPath = layout.CommittedPath(fileName);
            var committed = File.Exists(committedPath) ? NotebookFile.Load(committedPath) : null;
            notebooks.Add((fileName, new NotebookGenerator(sources, english, translation, committed, findings).Generate()));
        }
        return (notebooks, findings);
    }

    /// <summary>Generates the edition and writes each notebook whose text changed (the main job's first step).</summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="language">The language tag.</param>
    /// <returns>What was generated and written, and the findings.</returns>
    public static TranslationResult Write(RepoLayout layout, string language = Chinese)
    {
        var (notebooks, findings) = Build(layout, language);
        var written = new List<string>();
        foreach (var (fileName, notebook) in notebooks)
        {
            var path = layout.CommittedPath(fileName);
            var text = notebook.ToJson();
            if (!File.Exists(path) || File.ReadAllText(path) != text)
            {
                Runner.ReplaceAtomically(path, text);
                written.Add(fileName);
            }
        }
        return new TranslationResult(notebooks.Select(n => n.FileName).ToArray(), written, findings);
    }

    [GeneratedRegex(@"^[0-9]{2}-[^.]*\.[A-Za-z]{2,3}(-[A-Za-z0-9]+)*\.ipynb$")]
    private static partial Regex TranslatedName();
}
