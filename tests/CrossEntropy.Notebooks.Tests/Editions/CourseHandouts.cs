using NotebookRunner;
using NotebookRunner.Editions;
using NotebookRunner.Translation;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>The course's notebooks of every edition that has a hand-out: the English ones, then the committed
/// translations (<c>01-entropy.zh-CN.ipynb</c>), so one test runs on both hand-outs.</summary>
internal static class CourseHandouts
{
    public static RepoLayout Layout { get; } = RepoLayout.Find(AppContext.BaseDirectory);

    /// <summary>Every notebook of every edition.</summary>
    public static IReadOnlyList<string> All() =>
        StudentEditionStage.Editions(Layout).SelectMany(Of).ToArray();

    /// <summary>The notebooks of one edition (null: English).</summary>
    public static IReadOnlyList<string> Of(string? language) =>
        language is null
            ? Layout.NumberedNotebooks()
            : Layout.NumberedNotebooks().Select(n => TranslatedEdition.FileNameFor(n, language)).Where(n => File.Exists(Layout.CommittedPath(n))).ToArray();

    /// <summary>The English notebook a notebook translates (itself when English): its answers are the same values,
    /// computed by the same code.</summary>
    public static string English(string notebook) =>
        StudentEditionStage.EditionOf(notebook) is { } language ? notebook.Replace("." + language + ".ipynb", ".ipynb", StringComparison.Ordinal) : notebook;
}
