namespace NotebookRunner.Translation;

/// <summary>
/// The English numbered notebooks and their translation files, paired, plus the anchor map each translated notebook
/// needs (an English heading's anchor → the anchor of the heading in the same place of the translation).
/// </summary>
internal sealed class EditionSources
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> anchors = new(StringComparer.Ordinal);

    private EditionSources(string language) => Language = language;

    /// <summary>The language tag.</summary>
    public string Language { get; }

    /// <summary>Each English notebook that has a translation file, with it, in English order.</summary>
    public List<(NotebookFile English, TranslationFile Translation)> Pairs { get; } = [];

    /// <summary>Notebooks without a translation, and translations without a notebook.</summary>
    public List<DriftFinding> Findings { get; } = [];

    /// <summary>Reads every English numbered notebook and its translation file.</summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="language">The language tag.</param>
    /// <returns>The sources.</returns>
    public static EditionSources Load(RepoLayout layout, string language)
    {
        var sources = new EditionSources(language);
        var folder = TranslatedEdition.TranslationsDirectory(layout, language);
        if (!Directory.Exists(folder))
        {
            return sources; // a repository without this language's translations has no such edition
        }
        var english = layout.NumberedNotebooks();
        foreach (var name in english)
        {
            var stem = Path.GetFileNameWithoutExtension(name);
            var path = Path.Combine(folder, stem + ".json");
            if (!File.Exists(path))
            {
                sources.Findings.Add(new DriftFinding($"{stem}.{language}", 0, "",
                    $"missing — no translation file {Path.GetRelativePath(layout.Root, path)} for {name}"));
                continue;
            }
            TranslationFile translation;
            try
            {
                translation = TranslationFile.Load(path);
            }
            catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
            {
                sources.Findings.Add(new DriftFinding($"{stem}.{language}", 0, "", "unreadable translation file — " + e.Message));
                continue;
            }
            if (translation.Notebook != name || translation.Language != language)
            {
                sources.Findings.Add(new DriftFinding($"{stem}.{language}", 0, "",
                    $"{Path.GetFileName(path)} says it translates {translation.Notebook} into {translation.Language}, not {name} into {language}"));
            }
            var notebook = NotebookFile.Load(layout.CommittedPath(name));
            sources.Pairs.Add((notebook, translation));
            sources.anchors[name] = AnchorMap(notebook, translation);
        }
        foreach (var orphan in Directory.EnumerateFiles(folder, "[0-9][0-9]-*.json").Select(Path.GetFileNameWithoutExtension)
                     .Where(stem => !english.Contains(stem + ".ipynb", StringComparer.Ordinal)).Order(StringComparer.Ordinal))
        {
            sources.Findings.Add(new DriftFinding($"{orphan}.{language}", 0, "",
                $"orphan — {orphan}.json translates a notebook that no longer exists: delete it and {orphan}.{language}.ipynb"));
        }
        return sources;
    }

    /// <summary>Whether an English notebook has a translation (so links to it can point at the translated file).</summary>
    /// <param name="englishName">The English file name.</param>
    /// <returns>True when translated.</returns>
    public bool IsTranslated(string englishName) => anchors.ContainsKey(englishName);

    /// <summary>The translated anchor of an English anchor of a notebook, or null when no English heading has it.</summary>
    /// <param name="englishName">The English notebook's file name.</param>
    /// <param name="anchor">The English anchor, without <c>#</c>.</param>
    /// <returns>The translated anchor, or null.</returns>
    public string? TranslatedAnchor(string englishName, string anchor) =>
        anchors.TryGetValue(englishName, out var map) && map.TryGetValue(anchor, out var translated) ? translated : null;

    private static Dictionary<string, string> AnchorMap(NotebookFile english, TranslationFile translation)
    {
        // Headings keyed by place (cell, n-th heading in it), so an English heading maps to the one the translator
        // wrote in its place; a cell not translated as markdown keeps its English headings.
        var englishHeadings = new List<(int Cell, int Index, string Text)>();
        var translatedHeadings = new List<(int Cell, int Index, string Text)>();
        var cells = english.Cells;
        for (var i = 0; i < cells.Count; i++)
        {
            if (NotebookFile.IsCode(cells[i]))
            {
                continue;
            }
            var source = NotebookFile.Source(cells[i]);
            var entry = translation.Entries.FirstOrDefault(e => e.Cell == i + 1 && e.Markdown is not null);
            englishHeadings.AddRange(MarkdownText.Headings(source).Select((h, k) => (i, k, h)));
            translatedHeadings.AddRange(MarkdownText.Headings(entry?.Markdown ?? source).Select((h, k) => (i, k, h)));
        }
        var translatedSlugs = UniqueSlugs(translatedHeadings.Select(h => h.Text))
            .Zip(translatedHeadings, (slug, h) => (h.Cell, h.Index, slug))
            .ToDictionary(h => (h.Cell, h.Index), h => h.slug);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (slug, h) in UniqueSlugs(englishHeadings.Select(h => h.Text)).Zip(englishHeadings))
        {
            if (translatedSlugs.TryGetValue((h.Cell, h.Index), out var translated))
            {
                map[slug] = translated;
            }
        }
        return map;
    }

    // A repeated heading gets -1, -2, … as in the web edition (Markdig's auto identifiers).
    private static IEnumerable<string> UniqueSlugs(IEnumerable<string> headings)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var slug in headings.Select(MarkdownText.Slug))
        {
            var n = seen.GetValueOrDefault(slug);
            seen[slug] = n + 1;
            yield return n == 0 ? slug : $"{slug}-{n}";
        }
    }
}
