using System.Text.Json.Nodes;
using NotebookRunner;
using NotebookRunner.Editions;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>Small notebooks that follow (or break) the exercise protocol, independent of the course's notebooks.</summary>
internal static class Synthetic
{
    public const string AnswerCell = """
        double dieBits = double.NaN; // your answer
        // BEGIN SOLUTION
        dieBits = Math.Log2(6);
        // END SOLUTION
        Check(dieBits)
        """;

    public static JsonObject Tagged(JsonObject cell, string tag) => NotebookJson.Tagged(cell, tag);

    public static NotebookFile Notebook(string name, params JsonObject[] cells)
    {
        var notebook = Ipynb.Notebook(Ipynb.VsCodeMetadata(), cells);
        return new NotebookFile(notebook.Root, name);
    }

    /// <summary>A notebook with one exercise of each kind: a code answer, and a worked explanation with a self-check.</summary>
    public static NotebookFile Exercises(string name = "90-synthetic.ipynb") => Notebook(name,
        Ipynb.Markdown("# 90. A synthetic notebook\n\nIt exists to test the student edition."),
        Tagged(Ipynb.Markdown("### Exercise 90.1: entropy of a fair die\n\nIn bits."), NotebookConventions.Default.ExerciseTag),
        Tagged(Ipynb.Code(AnswerCell, Ipynb.Verdict(CheckState.Solved, "Solved: 90.1. 2.584962500721156 bits")), NotebookConventions.Default.SolutionTag),
        Tagged(Ipynb.Markdown("### Exercise 90.2: why a logarithm\n\nExplain."), NotebookConventions.Default.ExerciseTag),
        Tagged(Ipynb.Markdown("Because information of independent events adds, and only log turns products into sums."),
            NotebookConventions.Default.SolutionTag),
        Ipynb.Code("char choice = '?';\n    // BEGIN SOLUTION\n    choice = 'b';\n    // END SOLUTION\nSelfCheck(choice)",
            Ipynb.Verdict(CheckState.Solved, "Solved: 90.2.", "Exercise 90.2")),
        Ipynb.Code("Console.WriteLine(\"a plain cell\");", Ipynb.Stream("a plain cell\n")),
        Ipynb.Markdown("Markers in prose, such as `// BEGIN SOLUTION`, are not touched."));
}
