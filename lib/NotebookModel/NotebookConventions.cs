namespace NotebookModel;

/// <summary>
/// A course's notebook conventions: the cell tags and solution markers its tools look for, and what a student sees in
/// place of an answer. Every reader takes them from here (injected, <see cref="Default"/> when not), so a repository
/// with other names configures them in one place.
/// </summary>
public sealed record NotebookConventions
{
    /// <summary>This course's conventions.</summary>
    public static NotebookConventions Default { get; } = new();

    /// <summary>The metadata tag of an exercise statement.</summary>
    public string ExerciseTag { get; init; } = "exercise";

    /// <summary>The metadata tag of an answer cell (markdown: replaced whole; code: holds solution regions).</summary>
    public string SolutionTag { get; init; } = "solution";

    /// <summary>The metadata tag of a cell whose outputs differ between machines (timings, memory): run, not compared.</summary>
    public string MachineDependentTag { get; init; } = "machine-dependent";

    /// <summary>The line that opens a solution region in a code cell (compared after trimming).</summary>
    public string BeginSolution { get; init; } = "// BEGIN SOLUTION";

    /// <summary>The line that closes a solution region.</summary>
    public string EndSolution { get; init; } = "// END SOLUTION";

    /// <summary>What a student sees in place of a code region.</summary>
    public string CodePlaceholder { get; init; } = "// your code here";

    /// <summary>What a student sees in place of a worked answer in markdown.</summary>
    public string MarkdownPlaceholder { get; init; } = "*Write your answer here.*";
}
