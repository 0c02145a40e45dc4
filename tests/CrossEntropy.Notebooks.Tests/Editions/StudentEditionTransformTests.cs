using System.Text.Json.Nodes;
using NotebookRunner;
using NotebookRunner.Editions;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>The student edition of one notebook, on synthetic notebooks (no kernel needed).</summary>
public class StudentEditionTransformTests
{
    private static string Source(NotebookFile notebook, int number) => NotebookFile.Source(notebook.Cells[number - 1]);

    [Fact]
    public void A_code_answer_keeps_its_placeholder_and_its_check_but_loses_the_solution()
    {
        var student = StudentEdition.Create(Synthetic.Exercises());
        Assert.Equal("double dieBits = double.NaN; // your answer\n// your code here\nCheck(dieBits)", Source(student, 3));
    }

    [Fact]
    public void A_self_check_cell_not_tagged_solution_is_stripped_too_and_keeps_its_indentation()
    {
        var student = StudentEdition.Create(Synthetic.Exercises());
        Assert.Equal("char choice = '?';\n    // your code here\nSelfCheck(choice)", Source(student, 6));
    }

    [Fact]
    public void A_markdown_answer_is_replaced_by_the_placeholder()
    {
        var student = StudentEdition.Create(Synthetic.Exercises());
        Assert.Equal(NotebookConventions.Default.MarkdownPlaceholder, Source(student, 5));
        Assert.True(NotebookFile.HasTag(student.Cells[4], NotebookConventions.Default.SolutionTag));
    }

    [Fact]
    public void Other_cells_and_the_metadata_are_unchanged()
    {
        var teacher = Synthetic.Exercises();
        var student = StudentEdition.Create(teacher);
        foreach (var number in new[] { 1, 2, 4, 7, 8 })
        {
            Assert.Equal(Source(teacher, number), Source(student, number));
        }
        Assert.True(JsonNode.DeepEquals(teacher.Root["metadata"], student.Root["metadata"]));
        Assert.Equal(teacher.Cells.Count, student.Cells.Count);
    }

    [Fact]
    public void Every_output_is_cleared_and_the_teacher_notebook_is_not_modified()
    {
        var teacher = Synthetic.Exercises();
        var before = teacher.ToJson();
        var student = StudentEdition.Create(teacher);
        Assert.All(student.CodeCells, c => Assert.Empty(NotebookFile.Outputs(c.Cell)));
        Assert.DoesNotContain("2.584962500721156", student.ToJson(), StringComparison.Ordinal);
        Assert.Equal(before, teacher.ToJson());
    }

    [Fact]
    public void Several_regions_in_one_cell_are_each_replaced()
    {
        const string source = "double a = double.NaN, b = double.NaN;\n// BEGIN SOLUTION\na = 1;\n// END SOLUTION\nvar mid = 2;\n" +
                              "// BEGIN SOLUTION\nb = 3;\n// END SOLUTION\nCheck(a, b)";
        var student = StudentEdition.Create(Synthetic.Notebook("x.ipynb", Ipynb.Code(source)));
        Assert.Equal("double a = double.NaN, b = double.NaN;\n// your code here\nvar mid = 2;\n// your code here\nCheck(a, b)",
            Source(student, 1));
        Assert.Equal(["a = 1;\n", "b = 3;\n"], SolutionRegions.Regions(Cell.From(Ipynb.Code(source), 1), "x.ipynb"));
    }

    [Fact]
    public void A_solution_cell_without_markers_is_an_error_naming_notebook_and_cell()
    {
        var notebook = Synthetic.Notebook("91-broken.ipynb",
            Ipynb.Markdown("# 91"),
            Synthetic.Tagged(Ipynb.Code("double x = Math.Log2(6);\nCheck(x)"), NotebookConventions.Default.SolutionTag));
        var e = Assert.Throws<EditionException>(() => StudentEdition.Create(notebook));
        Assert.StartsWith("91-broken.ipynb cell 2: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("no '// BEGIN SOLUTION'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("double x = 0;\n// BEGIN SOLUTION\nx = 1;\nCheck(x)", "is never closed")]
    [InlineData("double x = 0;\nx = 1;\n// END SOLUTION\nCheck(x)", "without an opening")]
    [InlineData("// BEGIN SOLUTION\n// BEGIN SOLUTION\nx = 1;\n// END SOLUTION\n// END SOLUTION", "cannot nest")]
    public void Unbalanced_markers_are_an_error_naming_notebook_and_cell(string source, string problem)
    {
        // Untagged cells too: a self-check cell with a stray marker must not leak its answer.
        var notebook = Synthetic.Notebook("92-unbalanced.ipynb", Ipynb.Markdown("# 92"), Ipynb.Markdown("text"), Ipynb.Code(source));
        var e = Assert.Throws<EditionException>(() => StudentEdition.Create(notebook));
        Assert.StartsWith("92-unbalanced.ipynb cell 3: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_verdict_data_the_check_result_type_emits_is_what_the_model_reads()
    {
        foreach (var (status, expected) in new[] {
                     (CrossEntropy.Interactive.Exercises.ExerciseStatus.Solved, CheckState.Solved),
                     (CrossEntropy.Interactive.Exercises.ExerciseStatus.NotSolvedYet, CheckState.NotSolvedYet),
                     (CrossEntropy.Interactive.Exercises.ExerciseStatus.Incorrect, CheckState.Incorrect) })
        {
            var result = new CrossEntropy.Interactive.Exercises.ExerciseResult("Exercise 9.1, \"x\" — 熵", status, "a message");
            var cell = Cell.From(Ipynb.Code("Check(x)", Ipynb.Display(
                ("text/html", result.ToHtml()), ("text/plain", result.ToString()), (CheckVerdict.MimeType, result.ToJson()))), 1);
            Assert.Equal(expected, cell.Verdict);
            Assert.Equal(new CheckVerdict(result.Exercise, expected), cell.Outputs.Single().Verdict);
        }
    }

    [Fact]
    public void A_label_in_the_text_without_the_verdict_data_is_no_verdict()
    {
        var result = CrossEntropy.Interactive.Exercises.ExerciseResult.Solved("Exercise 9.1, x", "a message");
        var cell = Cell.From(Ipynb.Code("Check(x)", Ipynb.Display(("text/html", result.ToHtml()), ("text/plain", result.ToString()))), 1);
        Assert.Equal(CheckState.Missing, cell.Verdict);
    }
}
