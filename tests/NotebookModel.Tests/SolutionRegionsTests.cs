namespace NotebookModel.Tests;

public class SolutionRegionsTests
{
    private static Cell Code(string source, int number = 4) => Cell.From(NotebookJson.Code(source), number);

    [Fact]
    public void Regions_are_the_lines_between_markers_whatever_their_indentation()
    {
        const string source = "double a = double.NaN;\n    // BEGIN SOLUTION\n    a = 1;\n    // END SOLUTION\nvar mid = 2;\n" +
                              "// BEGIN SOLUTION\nb = 3;\n// END SOLUTION\nCheck(a, b)";
        Assert.Equal(["    a = 1;\n", "b = 3;\n"], SolutionRegions.Regions(Code(source), "x.ipynb"));
        var segments = SolutionRegions.Segments(source);
        Assert.Equal([false, true, false, true, false], segments.Select(s => s.IsSolution));
        Assert.Equal("    ", segments[1].Indent);
        Assert.Equal("Check(a, b)", segments[^1].Text);
        Assert.True(SolutionRegions.HasMarkers(source));
    }

    [Fact]
    public void A_source_without_markers_is_one_plain_segment()
    {
        var segments = SolutionRegions.Segments("x = 1;\n// BEGIN SOLUTION is only a marker alone on its line");
        Assert.False(Assert.Single(segments).IsSolution);
        Assert.False(SolutionRegions.HasMarkers("// END SOLUTION!"));
    }

    [Theory]
    [InlineData("double x = 0;\n// BEGIN SOLUTION\nx = 1;\nCheck(x)", "is never closed")]
    [InlineData("double x = 0;\nx = 1;\n// END SOLUTION\nCheck(x)", "without an opening")]
    [InlineData("// BEGIN SOLUTION\n  // BEGIN SOLUTION\nx = 1;\n// END SOLUTION\n// END SOLUTION", "cannot nest")]
    public void Unbalanced_markers_are_an_error_naming_the_notebook_and_the_cell(string source, string problem)
    {
        var e = Assert.Throws<SolutionRegionException>(() => SolutionRegions.Segments(Code(source, 7), "03-softmax.ipynb"));
        Assert.StartsWith("03-softmax.ipynb cell 7: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Equal(("03-softmax.ipynb", 7), (e.Notebook, e.CellNumber));
        Assert.DoesNotContain("cell", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markers_come_from_the_conventions()
    {
        var python = new NotebookConventions { BeginSolution = "### BEGIN SOLUTION", EndSolution = "### END SOLUTION" };
        const string source = "x = None\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n// BEGIN SOLUTION\n";
        Assert.Equal(["x = 1\n"], SolutionRegions.Regions(Code(source), "p.ipynb", python));
        Assert.Throws<SolutionRegionException>(() => SolutionRegions.Segments(source)); // the course's markers: unclosed
    }

    [Fact]
    public void Lines_keep_their_breaks()
    {
        Assert.Equal(["a\n", "\n", "b"], SolutionRegions.Lines("a\n\nb"));
        Assert.Empty(SolutionRegions.Lines(""));
    }

    [Fact]
    public void The_course_conventions_are_the_defaults()
    {
        var c = NotebookConventions.Default;
        Assert.Equal(("exercise", "solution", "machine-dependent"), (c.ExerciseTag, c.SolutionTag, c.MachineDependentTag));
        Assert.Equal(("// BEGIN SOLUTION", "// END SOLUTION"), (c.BeginSolution, c.EndSolution));
        Assert.Equal(c, new NotebookConventions());
    }
}
