using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookRunner.Translation;

/// <summary>
/// Builds one translated notebook from its English notebook and translation file, following the rules stated on
/// <see cref="TranslatedEdition"/>, and adds a <see cref="DriftFinding"/> for every cell out of step.
/// </summary>
internal sealed partial class NotebookGenerator(EditionSources sources, NotebookFile english, TranslationFile translation,
    NotebookFile? committed, List<DriftFinding> findings)
{
    private readonly string name = Path.GetFileNameWithoutExtension(english.Name) + "." + sources.Language;

    public NotebookFile Generate()
    {
        var cells = english.Cells;
        if (translation.Entries.Count != cells.Count)
        {
            Report(0, "", $"entry count mismatch — {translation.Entries.Count} entries for {cells.Count} English cells");
        }
        var committedCells = committed?.Cells ?? [];
        var generated = new JsonArray();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = (JsonObject)cells[i].DeepClone();
            var source = Translate(i + 1, cells[i]);
            cell["source"] = Lines(source);
            if (NotebookFile.IsCode(cell))
            {
                // Outputs come from the translated notebook's own run, never from the English one.
                var previous = SameCell(cell, source, committedCells, i);
                cell["outputs"] = previous?["outputs"]?.DeepClone() ?? new JsonArray();
                cell["execution_count"] = previous?["execution_count"]?.DeepClone();
            }
            generated.Add(cell);
        }
        var root = (JsonObject)english.Root.DeepClone();
        root["cells"] = generated;
        return new NotebookFile(root);
    }

    // The committed translated cell that holds this cell's outputs: the one with its id (cells without ids: the one in
    // its place), if its source is the one just generated.
    private static JsonObject? SameCell(JsonObject cell, string source, IReadOnlyList<JsonObject> committedCells, int index)
    {
        var id = (string?)cell["id"];
        var candidate = id is null
            ? (index < committedCells.Count ? committedCells[index] : null)
            : committedCells.FirstOrDefault(c => (string?)c["id"] == id);
        return candidate is not null && NotebookFile.IsCode(candidate) && NotebookFile.Source(candidate) == source ? candidate : null;
    }

    private string Translate(int number, JsonObject cell)
    {
        var source = NotebookFile.Source(cell);
        var type = (string?)cell["cell_type"] ?? "";
        var matching = translation.Entries.Where(e => e.Cell == number).ToArray();
        if (matching.Length == 0)
        {
            Report(number, type, "missing — no translation of this English cell (a new cell?): add an entry with the hash " +
                TranslationFile.HashOf(source));
            return type == "code" ? WithEditionSetup(source) : RetargetLinks(number, type, source);
        }
        if (matching.Length > 1)
        {
            Report(number, type, $"{matching.Length} entries translate this cell; keep one");
        }
        var entry = matching[0];
        if (entry.Type != type)
        {
            Report(number, type, $"type mismatch — the entry is {entry.Type}, the English cell is {type}");
            return type == "code" ? WithEditionSetup(source) : RetargetLinks(number, type, source);
        }
        var hash = TranslationFile.HashOf(source);
        if (entry.EnglishHash != hash)
        {
            Report(number, type, $"stale — the English changed since it was translated (entry hash {entry.EnglishHash}, " +
                $"English now {hash}): re-translate it and record the new hash");
        }
        return type == "code" ? TranslateCode(number, source, entry) : TranslateMarkdown(number, source, entry.Markdown!);
    }

    private string TranslateMarkdown(int number, string source, string translated)
    {
        Compare(number, "formulas ($…$)", MarkdownText.Formulas(source), MarkdownText.Formulas(translated));
        Compare(number, "numbers", MarkdownText.Numbers(source), MarkdownText.Numbers(translated));
        return RetargetLinks(number, "markdown", translated);
    }

    private string TranslateCode(int number, string source, TranslationEntry entry)
    {
        var text = source;
        foreach (var ((from, to), k) in entry.Pairs.Select((p, k) => (p, k + 1)))
        {
            if (!text.Contains(from, StringComparison.Ordinal))
            {
                Report(number, "code", $"text pair {k} not found in the cell: \"{Abbreviate(from)}\"");
                continue;
            }
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        var kept = ProtectedLines(source);
        if (!kept.SequenceEqual(ProtectedLines(text)))
        {
            Report(number, "code", "a text pair changed a line that must stay as in English (#r, // BEGIN SOLUTION, // END SOLUTION)");
        }
        return WithEditionSetup(text);
    }

    // The setup call learns the edition's language, so that what the library prints (check verdicts, hints) is in it.
    private string WithEditionSetup(string code) =>
        SetupCall().Replace(code, $"KernelSetup.Install(\"{sources.Language}\")");

    private string RetargetLinks(int number, string type, string markdown) => MarkdownText.RetargetLinks(markdown, target =>
    {
        var match = NotebookLink().Match(target);
        if (!match.Success)
        {
            return target; // web links, ../README.md and its anchors, images: the same in every edition
        }
        var notebook = match.Groups["notebook"].Success ? match.Groups["notebook"].Value + ".ipynb" : english.Name;
        var anchor = match.Groups["anchor"].Success ? match.Groups["anchor"].Value : null;
        if (!sources.IsTranslated(notebook))
        {
            return target;
        }
        var file = match.Groups["notebook"].Success ? TranslatedEdition.FileNameFor(notebook, sources.Language) : "";
        if (anchor is null)
        {
            return file;
        }
        var translated = sources.TranslatedAnchor(notebook, anchor);
        if (translated is null)
        {
            Report(number, type, $"link {target}: {notebook} has no heading with the anchor #{anchor}");
            return target;
        }
        return file + "#" + translated;
    });

    private void Compare(int number, string what, IReadOnlyList<string> english, IReadOnlyList<string> translated)
    {
        var missing = english.Order(StringComparer.Ordinal).ToList();
        var extra = new List<string>();
        foreach (var t in translated)
        {
            if (!missing.Remove(t))
            {
                extra.Add(t);
            }
        }
        if (missing.Count > 0 || extra.Count > 0)
        {
            Report(number, "markdown", $"{what} differ from the English — missing [{string.Join(", ", missing.Select(Abbreviate))}], " +
                $"extra [{string.Join(", ", extra.Select(Abbreviate))}]");
        }
    }

    private void Report(int cell, string type, string problem) => findings.Add(new DriftFinding(name, cell, type, problem));

    private static string[] ProtectedLines(string code) => code.Split('\n')
        .Where(l => l.TrimStart().StartsWith("#r ", StringComparison.Ordinal) || l.Trim() is "// BEGIN SOLUTION" or "// END SOLUTION")
        .ToArray();

    private static string Abbreviate(string text) => text.Length <= 60 ? text : text[..57] + "…";

    /// <summary>ipynb's form of a source: lines, each but the last ending in <c>\n</c>.</summary>
    private static JsonArray Lines(string source)
    {
        var lines = new JsonArray();
        for (var start = 0; start < source.Length;)
        {
            var end = source.IndexOf('\n', start);
            end = end < 0 ? source.Length : end + 1;
            lines.Add(source[start..end]);
            start = end;
        }
        return lines;
    }

    [GeneratedRegex(@"KernelSetup\.Install\(\s*\)")]
    private static partial Regex SetupCall();

    [GeneratedRegex(@"^(?:(?<notebook>[0-9]{2}-[^./#]*)\.ipynb)?(?:#(?<anchor>.+))?$")]
    private static partial Regex NotebookLink();
}
