using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookModel;

/// <summary>
/// What the kernel prints about the machine and the session that ran a notebook, not about the course. One definition
/// for the runner (which never writes it into a committed notebook and compares outputs without it) and the site
/// (which never shows it):
/// <list type="bullet">
/// <item>the package-install progress of a <c>#r "nuget: …"</c> cell ("Installing Packages": dotnet-repl records each
/// update as its own output, a line of dots growing with elapsed time, so their number varies by run);</item>
/// <item>the installed-packages list ("Installed Packages") that follows it;</item>
/// <item>"Loading extensions from `…`", which names a path into that machine's NuGet package cache.</item>
/// </list>
/// An error output is never noise, whatever it says.
/// </summary>
public static partial class KernelNoise
{
    /// <summary>Whether an output is one of the kernel's own messages listed above.</summary>
    /// <param name="output">A cell output.</param>
    /// <returns>True for the install progress, the installed-packages list and the extension-loading line.</returns>
    public static bool IsNoise(CellOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Type == "error")
        {
            return false;
        }
        var html = output.Data.GetValueOrDefault("text/html", "");
        return html.Contains("<strong>Installing Packages</strong>", StringComparison.Ordinal)
            || html.Contains("<strong>Installed Packages</strong>", StringComparison.Ordinal)
            || output.Data.GetValueOrDefault("text/plain", "").TrimStart().StartsWith("Loading extensions from ", StringComparison.Ordinal);
    }

    /// <summary>Whether one element of a cell's <c>outputs</c> array is kernel noise (see the other overload).</summary>
    /// <param name="output">The output's JSON; anything but an object is not noise.</param>
    /// <returns>True for kernel noise.</returns>
    public static bool IsNoise(JsonNode? output) => output is JsonObject o && IsNoise(CellOutput.From(o));

    /// <summary>
    /// Every path of a particular machine in a text: a home, user or temporary folder (<c>/root/</c>, <c>/home/</c>,
    /// <c>/Users/</c>, <c>/tmp/</c>, <c>C:\Users\</c>, also as a JSON string writes it) or a NuGet package cache
    /// (<c>.nuget/packages</c>). What no page and no file a reader downloads may hold; kernel noise is the usual way one
    /// gets in. A relative path (<c>../lib/…</c>, <c>artifacts/root/</c>) and <c>~/.nuget</c> in prose are not matched.
    /// </summary>
    /// <param name="text">Any text (a page, a notebook's JSON, a source file).</param>
    /// <param name="context">How many characters either side of each path to include.</param>
    /// <returns>Each path found with its context, in order; empty when there is none.</returns>
    public static IReadOnlyList<string> MachinePaths(string text, int context = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        return MachinePath().Matches(text)
            .Select(m => text[Math.Max(0, m.Index - context)..Math.Min(text.Length, m.Index + m.Length + context)])
            .ToArray();
    }

    [GeneratedRegex(@"(?<![\w.~-])/(?:root|home|tmp|Users)/|\.nuget(?:/|\\{1,2})packages|[A-Za-z]:\\{1,2}Users\\{1,2}")]
    private static partial Regex MachinePath();
}
