using System.Text.RegularExpressions;

namespace NotebookRunner.Export;

/// <summary>A kernel-only line of a code cell: <c>#r "nuget: Name, Version"</c>, <c>#r "path.dll"</c>, or another
/// <c>#r</c>/<c>#i</c>/<c>#!</c> line (a magic command), which a file-based app cannot have.</summary>
/// <param name="Line">The line as written.</param>
/// <param name="Package">The package's name for a nuget reference, else null.</param>
/// <param name="Version">The package's version when the line pins one.</param>
/// <param name="Assembly">The referenced file for an assembly reference, else null.</param>
public sealed partial record KernelDirective(string Line, string? Package, string? Version, string? Assembly)
{
    /// <summary>Reads a line: a directive, or null for a line of C#.</summary>
    /// <param name="line">One line of a code cell.</param>
    /// <returns>The directive, or null.</returns>
    public static KernelDirective? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.Trim();
        if (NuGetReference().Match(trimmed) is { Success: true } nuget)
        {
            return new KernelDirective(trimmed, nuget.Groups["name"].Value, nuget.Groups["version"].Success ? nuget.Groups["version"].Value : null, null);
        }
        if (AssemblyReference().Match(trimmed) is { Success: true } assembly)
        {
            return new KernelDirective(trimmed, null, null, assembly.Groups["path"].Value);
        }
        return trimmed.StartsWith("#!", StringComparison.Ordinal) || trimmed.StartsWith("#r ", StringComparison.Ordinal) || trimmed.StartsWith("#i ", StringComparison.Ordinal)
            ? new KernelDirective(trimmed, null, null, null)
            : null;
    }

    [GeneratedRegex(@"^#r\s+""nuget:\s*(?<name>[^,""\s]+)\s*(?:,\s*(?<version>[^""\s]+)\s*)?""")]
    private static partial Regex NuGetReference();

    [GeneratedRegex(@"^#r\s+""(?<path>[^""]+\.dll)""")]
    private static partial Regex AssemblyReference();
}
