namespace NotebookRunner.Editions;

/// <summary>
/// The words a hand-out shows its reader outside the notebooks' own cells, in one language: the README (a template
/// with <c>{notebooks}</c>, the list of notebooks, and <c>{folder}</c>, the hand-out folder's name under the
/// artifacts folder) and the two placeholders that stand where answers were. English is <see cref="English"/>; a
/// translated hand-out reads its text from <c>notebooks/translations/&lt;language&gt;/student-edition.json</c>, each
/// entry recording the hash of the English text it translates, so a changed English text stops that hand-out with the
/// entry named until it is re-translated (as for the notebooks' cells).
/// </summary>
/// <param name="Readme">The README template.</param>
/// <param name="CodePlaceholder">Replaces each solution region of a code cell.</param>
/// <param name="MarkdownPlaceholder">Replaces each markdown cell tagged <c>solution</c>.</param>
/// <param name="NotebookLine">One line of the README's list of notebooks: a template with <c>{name}</c> (the file
/// name) and <c>{title}</c> (the notebook's first heading), so that its punctuation is the language's.</param>
public sealed record HandoutText(string Readme, string CodePlaceholder, string MarkdownPlaceholder, string NotebookLine = HandoutText.EnglishNotebookLine)
{
    /// <summary>The English line of the README's list of notebooks.</summary>
    public const string EnglishNotebookLine = "- `{name}`: {title}";

    /// <summary>The translation file of a translated hand-out's text, in <c>notebooks/translations/&lt;language&gt;/</c>.</summary>
    public const string FileName = "student-edition.json";

    /// <summary>The English README template.</summary>
    public const string EnglishReadme = """
    # Cross-entropy in C#: student edition

    These notebooks are the course's own, with every exercise's answer taken out. Each exercise keeps its
    statement and its check: write your answer where a cell says `// your code here` (or, for an explanation,
    where it says *Write your answer here.*), run the cell, and the check tells you **solved**, **not solved
    yet**, or **incorrect** with a hint. A check never shows the expected value.

    ## Reading the notebooks

    Everything below works from this folder: the course library is already built, in `lib/` next to
    `notebooks/`, where each notebook's first cell loads it from (`#r "../lib/…"`). Keep the folder's layout.

    - **VS Code**: install the .NET 10 SDK and VS Code with the *Polyglot Notebooks* extension, open this
      folder, open `notebooks/`, start with the first notebook and *Run All* (top to bottom).
    - **Jupyter**: install the .NET 10 SDK and Jupyter (for example `pip install jupyterlab`), then the .NET
      kernel: `dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001` and
      `dotnet interactive jupyter install` (with `~/.dotnet/tools` on your `PATH`). Start `jupyter lab` in this
      folder and open the notebooks in `notebooks/` with the *.NET (C#)* kernel.

    **The first run needs the NuGet feed.** Each notebook's first cell loads a few pinned packages with
    `#r "nuget: …"` lines (Plotly.NET for the charts, MathNet.Numerics, System.Numerics.Tensors); the kernel
    restores them from nuget.org the first time, which needs a network connection (or a NuGet mirror set
    in your NuGet configuration) and can take a minute. Later runs use the local package cache.

    **Numbers in your language.** The kernel formats numbers in your display language (VS Code passes its
    own). The outputs you see before running anything were made in the invariant culture, so after a run
    you may see `1,5` where they show `1.5`, or `∞` where they show `Infinity`. The values are the same,
    and the checks compare numbers, not text. To see the invariant forms in Jupyter, start it with
    `LC_ALL=C.UTF-8 jupyter lab`.

    **The kernel is deprecated.** Microsoft deprecated Polyglot Notebooks on 2026-03-27 and .NET Interactive
    on 2026-04-24 (dotnet/interactive#4163); the kernel still installs and runs, but no fixes will come.
    Install the versions named above: the *Polyglot Notebooks* extension (it installs its own copy of the
    kernel) or the `Microsoft.dotnet-interactive` tool 1.0.712001 for Jupyter, with the .NET 10 SDK.

    The outputs you see before running anything come from running this edition with no answers filled in:
    every check says *not solved yet*.

    ## Notebooks

    {notebooks}

    ## For teachers

    This folder is produced from the teacher notebooks (the course repository's `notebooks/`, answers
    included) by the repository's main job (its README, *Student and teacher editions*, gives the command, run
    in the repository), which writes it to `{folder}`, executes every student notebook and fails if
    any cell errors or any check says anything but *not solved yet*. Hand out the whole folder (zip it as it
    is). Answers are marked in the teacher notebooks: code between `// BEGIN SOLUTION` and `// END SOLUTION`,
    and markdown cells tagged `solution`.

    """;

    /// <summary>The English hand-out's text: <see cref="EnglishReadme"/> and the conventions' placeholders.</summary>
    /// <param name="conventions">The tags, markers and placeholders; the course's when null.</param>
    /// <returns>The text.</returns>
    public static HandoutText English(NotebookConventions? conventions = null)
    {
        var c = conventions ?? NotebookConventions.Default;
        return new HandoutText(EnglishReadme, c.CodePlaceholder, c.MarkdownPlaceholder, EnglishNotebookLine);
    }

    /// <summary>
    /// A translated hand-out's text: <c>{"language": "zh-CN", "readme": {"en": hash, "text": …}, "codePlaceholder":
    /// {…}, "markdownPlaceholder": {…}, "notebookLine": {…}}</c>, each <c>en</c> the <see cref="Translation.TranslationFile.HashOf"/> of the
    /// English text (<see cref="English"/>) it translates.
    /// </summary>
    /// <param name="translations">The language's translations folder.</param>
    /// <param name="language">The language tag.</param>
    /// <param name="conventions">The English placeholders; the course's when null.</param>
    /// <returns>The text.</returns>
    /// <exception cref="EditionException">The file is missing or malformed, or an entry is stale; the message names the
    /// file, the entry and, when stale, the hash to record.</exception>
    public static HandoutText Load(string translations, string language, NotebookConventions? conventions = null)
    {
        ArgumentNullException.ThrowIfNull(translations);
        var english = English(conventions);
        var path = Path.Combine(translations, FileName);
        if (!File.Exists(path))
        {
            throw new EditionException($"no {FileName} in {translations}: the {language} hand-out needs its README and placeholders translated.");
        }
        System.Text.Json.Nodes.JsonObject root;
        try
        {
            root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path)) as System.Text.Json.Nodes.JsonObject
                ?? throw new EditionException($"{path}: top level is not a JSON object.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new EditionException($"{path}: not valid JSON: {e.Message}", e);
        }
        if ((string?)root["language"] != language)
        {
            throw new EditionException($"{path}: \"language\" is not \"{language}\".");
        }
        string Entry(string key, string englishText)
        {
            var entry = root[key] as System.Text.Json.Nodes.JsonObject;
            var text = (string?)entry?["text"];
            var hash = (string?)entry?["en"];
            if (text is null || hash is null)
            {
                throw new EditionException($"{path}: \"{key}\" needs {{\"en\": hash of the English, \"text\": translation}}.");
            }
            var now = Translation.TranslationFile.HashOf(englishText);
            if (hash != now)
            {
                throw new EditionException($"{path}: \"{key}\" is stale — the English changed since it was translated " +
                    $"(entry hash {hash}, English now {now}): re-translate it and record the new hash.");
            }
            return text;
        }
        return new HandoutText(Entry("readme", english.Readme), Entry("codePlaceholder", english.CodePlaceholder),
            Entry("markdownPlaceholder", english.MarkdownPlaceholder), Entry("notebookLine", english.NotebookLine));
    }

    /// <summary>The conventions with this text's placeholders.</summary>
    /// <param name="conventions">The conventions to start from; the course's when null.</param>
    /// <returns>The conventions.</returns>
    public NotebookConventions Apply(NotebookConventions? conventions) =>
        (conventions ?? NotebookConventions.Default) with { CodePlaceholder = CodePlaceholder, MarkdownPlaceholder = MarkdownPlaceholder };
}
