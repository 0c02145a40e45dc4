namespace NotebookSite;

/// <summary>
/// Outputs the kernel prints about the machine that ran the notebook, not about the course: the list of NuGet
/// packages a <c>#r "nuget: …"</c> cell installed, and "Loading extensions from `…`" with a path into that machine's
/// package cache. The site leaves them out, so no page shows a path of the build machine.
/// </summary>
public static class KernelNoise
{
    /// <summary>Whether an output is such a kernel message.</summary>
    /// <param name="output">An output.</param>
    /// <returns>True for the installed-packages list and the extension-loading line.</returns>
    public static bool IsNoise(CellOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Type == "error")
        {
            return false;
        }
        return output.Data.TryGetValue("text/plain", out var text) && text.TrimStart().StartsWith("Loading extensions from ", StringComparison.Ordinal)
            || output.Data.TryGetValue("text/html", out var html) && html.Contains("<strong>Installed Packages</strong>", StringComparison.Ordinal);
    }
}
