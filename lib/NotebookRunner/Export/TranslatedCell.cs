namespace NotebookRunner.Export;

/// <summary>One code cell split into the parts a file-based app places apart.</summary>
/// <param name="Directives">Its kernel-only lines (<c>#r</c>, <c>#!</c>), in order.</param>
/// <param name="Usings">Its using directives (hoisted to the top of the app).</param>
/// <param name="Statements">Its statements and local functions, translated (<c>display</c>, the trailing expression,
/// kernel-only calls), as the text that stays in place; empty when nothing is left.</param>
/// <param name="Types">Its type declarations (moved after all statements), each with its comments.</param>
public sealed record TranslatedCell(
    IReadOnlyList<KernelDirective> Directives,
    IReadOnlyList<string> Usings,
    string Statements,
    IReadOnlyList<string> Types);
