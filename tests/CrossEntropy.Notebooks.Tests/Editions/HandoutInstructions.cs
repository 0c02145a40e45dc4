using System.Text.RegularExpressions;
using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>
/// The commands a hand-out tells its reader to run, and the paths they need. A command is a code span or a line of a
/// fenced block, in a README or a notebook's markdown, that starts with a command-line tool (<c>dotnet</c>,
/// <c>jupyter</c>, <c>python</c>, <c>pip</c>, <c>npm</c>, <c>node</c>, <c>bash</c>, <c>./…</c>), possibly after
/// <c>NAME=value</c> settings. A path is an argument with a slash or a file extension that is not an option, a URL or a
/// NuGet reference. A command written for the repository is allowed when its paragraph (for a fenced block, the
/// paragraph before it) says so: "in the repository" or "the repository's", or in the Chinese edition "在仓库中" or
/// "仓库的" (in the repository, the repository's).
/// </summary>
internal static partial class HandoutInstructions
{
    /// <summary>A command found in a text, where, and what it needs that the folder lacks.</summary>
    public sealed record Problem(string Place, string Command, string Path)
    {
        public override string ToString() => $"{Place}: `{Command}` needs {Path}, which the hand-out does not have";
    }

    /// <summary>The commands in a Markdown text that the reader is told to run here (not in the repository).</summary>
    public static IEnumerable<string> Commands(string markdown)
    {
        var paragraphs = Paragraph().Split(markdown);
        var previous = "";
        var inFence = false;
        foreach (var paragraph in paragraphs)
        {
            var forRepository = ForRepository(paragraph) || (StartsFence(paragraph) && ForRepository(previous));
            foreach (var line in paragraph.Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith("```", StringComparison.Ordinal))
                {
                    inFence = !inFence;
                    continue;
                }
                var candidates = inFence ? [trimmed] : CodeSpan().Matches(line).Select(m => m.Groups["code"].Value.Trim());
                foreach (var candidate in candidates.Where(IsCommand).Where(_ => !forRepository))
                {
                    yield return candidate;
                }
            }
            previous = paragraph;
        }
    }

    /// <summary>The paths a command names (relative, not options, URLs or NuGet references).</summary>
    public static IEnumerable<string> Paths(string command) =>
        Words(command).Skip(1).Where(w => !w.StartsWith('-') && !w.Contains("://", StringComparison.Ordinal) && !w.Contains('=', StringComparison.Ordinal))
            .Where(w => w.Contains('/', StringComparison.Ordinal) || FileExtension().IsMatch(w))
            .Where(w => !w.StartsWith('~') && !w.StartsWith('$'));

    /// <summary>
    /// What the commands of a hand-out folder's README and notebooks need that the folder does not have. A path is
    /// looked up from the folder and from <c>notebooks/</c> (where a notebook's reader stands); a path a
    /// <c>dotnet build/run/test/pack/publish</c> names must be a project or solution, or a folder holding one.
    /// </summary>
    public static IReadOnlyList<Problem> Problems(string root)
    {
        var texts = new List<(string Place, string Text)>();
        texts.AddRange(Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(root, f), File.ReadAllText(f))));
        foreach (var notebook in Directory.EnumerateFiles(root, "*.ipynb", SearchOption.AllDirectories))
        {
            texts.AddRange(Notebook.Load(notebook).Cells.Where(c => c.Kind == CellKind.Markdown)
                .Select(c => ($"{Path.GetRelativePath(root, notebook)} cell {c.Number}", c.Source)));
        }
        return (from text in texts
                from command in Commands(text.Text)
                from path in Paths(command)
                where !Satisfied(root, command, path)
                select new Problem(text.Place, command, path)).ToArray();
    }

    private static bool Satisfied(string root, string command, string path)
    {
        var needsProject = BuildCommand().IsMatch(command);
        return new[] { root, Path.Combine(root, "notebooks") }.Select(b => Path.GetFullPath(Path.Combine(b, path))).Any(full =>
            needsProject
                ? (File.Exists(full) && ProjectFile().IsMatch(full))
                  || (Directory.Exists(full) && Directory.EnumerateFiles(full).Any(f => ProjectFile().IsMatch(f)))
                : File.Exists(full) || Directory.Exists(full));
    }

    private static bool IsCommand(string text) => CommandStart().IsMatch(text);

    private static bool ForRepository(string paragraph) =>
        paragraph.Contains("in the repository", StringComparison.OrdinalIgnoreCase)
        || paragraph.Contains("the repository's", StringComparison.OrdinalIgnoreCase)
        || paragraph.Contains("在仓库中", StringComparison.Ordinal)
        || paragraph.Contains("仓库的", StringComparison.Ordinal);

    private static bool StartsFence(string paragraph) => paragraph.TrimStart().StartsWith("```", StringComparison.Ordinal);

    private static IEnumerable<string> Words(string command) =>
        Word().Matches(command).Select(m => m.Value.Trim('"', '\''));

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex Paragraph();

    [GeneratedRegex(@"(?<!`)`(?<code>[^`\n]+)`(?!`)")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^(?:[A-Z_]+=\S+\s+)*(?:dotnet|jupyter|python3?|pip3?|npm|node|bash|sh|\./)\b?")]
    private static partial Regex CommandStart();

    [GeneratedRegex(@"^(?:[A-Z_]+=\S+\s+)*dotnet\s+(?:build|run|test|pack|publish)\b")]
    private static partial Regex BuildCommand();

    [GeneratedRegex(@"\.(?:csproj|fsproj|sln|slnx)$")]
    private static partial Regex ProjectFile();

    [GeneratedRegex(@"\.(?:csproj|fsproj|sln|slnx|cs|ipynb|json|dll|sh|py|md)$")]
    private static partial Regex FileExtension();

    [GeneratedRegex("\"[^\"]*\"|'[^']*'|\\S+")]
    private static partial Regex Word();
}
