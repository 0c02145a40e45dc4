using System.Text.Json.Nodes;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>The test-only helpers that find answers: the probe's variable parsing and the scanner's number forms.</summary>
public class LeakScannerTests
{
    [Fact]
    public void A_distinctive_number_is_looked_for_at_every_rounding_from_5_digits()
    {
        var forms = LeakScanner.Forms(JsonValue.Create(2.584962500721156));
        Assert.Contains("2.58496", forms);
        Assert.Contains("2.584962500721156", forms);
        Assert.Contains("1.2346E-05", LeakScanner.Forms(JsonValue.Create(-1.23456789e-5)));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(88.0)]
    [InlineData(1.25)]
    public void A_number_with_few_significant_digits_is_too_common_to_look_for(double value)
    {
        Assert.Empty(LeakScanner.Forms(JsonValue.Create(value)));
    }

    [Fact]
    public void A_float_answer_is_looked_for_as_float_prints_it()
    {
        // JSON writes a float in its shortest round-trip form; read back as double it still gives that text at G7.
        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new object[] { 88.72284f }))!.AsArray()[0]!;
        Assert.Contains("88.72284", LeakScanner.Forms(json));
    }

    [Fact]
    public void Short_strings_and_characters_are_not_looked_for_long_strings_are()
    {
        Assert.Empty(LeakScanner.Forms(JsonValue.Create("b")));
        Assert.Equal(["bits per character"], LeakScanner.Forms(JsonValue.Create("bits per character")));
    }

    [Fact]
    public void Find_names_the_file_and_the_form()
    {
        var files = new Dictionary<string, string> { ["notebooks/01.ipynb"] = "the answer is 2.58496 bits", ["README.md"] = "" };
        Assert.Equal(["notebooks/01.ipynb: 2.58496"], LeakScanner.Find(files, ["2.58496", "2.584963"]));
    }

    [Fact]
    public void Find_names_the_cell_of_a_notebook_rather_than_the_whole_file()
    {
        var files = new Dictionary<string, string>
        {
            ["n.ipynb"] = "{... 2.58496 ...}",
            ["n.ipynb cell 3 source"] = "x",
            ["n.ipynb cell 4 output"] = "H = 2.58496 bits",
        };
        Assert.Equal(["n.ipynb cell 4 output: 2.58496"], LeakScanner.Find(files, ["2.58496"]));
    }

    [Fact]
    public void A_notebook_is_read_cell_by_cell_with_its_outputs()
    {
        var root = Directory.CreateTempSubdirectory("leak-scanner-").FullName;
        try
        {
            Synthetic.Exercises("90-synthetic.ipynb").Save(Path.Combine(root, "90-synthetic.ipynb"));
            var texts = LeakScanner.TextFiles(root);
            Assert.Contains("2.584962500721156", texts["90-synthetic.ipynb cell 3 output"], StringComparison.Ordinal);
            Assert.Contains("Math.Log2(6)", texts["90-synthetic.ipynb cell 3 source"], StringComparison.Ordinal);
            Assert.True(texts.ContainsKey("90-synthetic.ipynb"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("double dieBits = double.NaN; // your answer\n", "dieBits")]
    [InlineData("char choice = '?';\n", "choice")]
    [InlineData("double[] q = null!;\n", "q")]
    [InlineData("float largest = float.NaN, smallest = float.NaN;\n", "largest,smallest")]
    [InlineData("List<double>? xs = null;\n", "xs")]
    [InlineData("if (x == 1) Foo();\n", "")]
    public void Answer_variables_are_the_declarations_before_the_solution(string line, string expected)
    {
        var names = AnswerProbe.AnswerVariables([line, "// BEGIN SOLUTION\n", "double notAnAnswer = 1;\n", "// END SOLUTION\n"]);
        Assert.Equal(expected, string.Join(",", names));
    }
}
