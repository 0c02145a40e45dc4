namespace NotebookModel.Tests;

/// <summary>The repository these tests run in, and its committed notebooks.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>Every committed notebook (not the executed copies, nor a runner's hidden temporary input).</summary>
    public static TheoryData<string> CommittedNotebooks() =>
        new(Directory.GetFiles(Notebooks, "*.ipynb").Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrossEntropyNotebooks.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("CrossEntropyNotebooks.sln not found above " + AppContext.BaseDirectory);
    }
}
