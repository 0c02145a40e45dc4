using System.Text.Json.Nodes;
using NotebookRunner.Editions;
using NotebookSite;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>The page leak scanner on synthetic pages: what it must find, and what it must leave alone.</summary>
public class PageLeakScannerTests
{
    private const double Answer = 0.7369655941662062; // an answer that needs all its digits

    private static JsonObject Statement() => Ipynb.Tagged(
        Ipynb.Markdown("### Exercise 9.1: a cross-entropy\n\nWith p = [0.25, 0.75] and q = [0.5, 0.5], give H(p, q) to 3 significant digits."),
        NotebookConventions.Default.ExerciseTag);

    private static JsonObject CheckCell(params JsonNode[] outputs) => Ipynb.Code(
        "double crossEntropy = double.NaN; // your answer\n// BEGIN SOLUTION\ncrossEntropy = 0.7369655941662062;\n// END SOLUTION\nExercises09.CrossEntropy(crossEntropy)",
        outputs);

    /// <summary>A page: the given cells, then the exercise (statement, check cell 2 after them), then a later exercise.</summary>
    private static (Notebook Page, int CheckCell) Page(IEnumerable<JsonObject> before, params JsonObject[] after)
    {
        var cells = before.Prepend(Ipynb.Markdown("# 9. A synthetic page")).ToList();
        cells.Add(Statement());
        cells.Add(CheckCell(Ipynb.Verdict(CheckState.Solved, "Solved: Exercise 9.1 — your value matches the reference (0.737).", "Exercise 9.1")));
        var check = cells.Count;
        cells.AddRange(after);
        var file = Ipynb.Notebook(Ipynb.VsCodeMetadata(), [.. cells]);
        return (new NotebookFile(file.Root, "09-synthetic.ipynb").View(), check);
    }

    private static IReadOnlyList<string> Leaks((Notebook Page, int CheckCell) page, params JsonNode?[] answer) =>
        PageLeakScanner.Leaks(page.Page, new Dictionary<int, IReadOnlyList<JsonNode?>> { [page.CheckCell] = answer });

    private static JsonValue Number(double x) => JsonValue.Create(x);

    private static JsonArray Array(params double[] xs) => new JsonArray(xs.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());

    [Theory]
    [InlineData("The cross-entropy comes out at 0.737 nats.", "0.737")]
    [InlineData("H(p, q) ≈ 0.7370, a little above H(p).", "0.7370")]
    [InlineData("Its value, 7.370E-001, is above the entropy.", "7.370E-001")]
    [InlineData("About 73.7 % of a nat.", "73.7 %")]
    public void A_leak_in_prose_is_found_at_3_digits_or_more_and_named(string prose, string written)
    {
        var leak = Assert.Single(Leaks(Page([Ipynb.Markdown(prose)]), Number(Answer)));
        Assert.Equal($"09-synthetic.ipynb, Exercise 9.1: a cross-entropy (check cell 4): answer 0.7369655941662062 as \"{written}\" in cell 2 prose", leak);
    }

    [Fact]
    public void A_leak_in_an_output_or_in_code_is_found()
    {
        var leaks = Leaks(Page([
            Ipynb.Code("Console.WriteLine(H(p, q));", Ipynb.Stream("H(p, q) = 0.73697 nats\n")),
            Ipynb.Code("double guess = 0.73697;"),
        ]), Number(Answer));
        Assert.Equal(["cell 2 output", "cell 3 code"], leaks.Select(l => l[(l.IndexOf(" in ", StringComparison.Ordinal) + 4)..]));
    }

    [Fact]
    public void A_leak_in_an_HTML_table_is_found_without_its_markup()
    {
        var leaks = Leaks(Page([Ipynb.Code("table", Ipynb.Html("<table><tr><td style=\"width:120px\">0.737</td></tr></table>"))]), Number(Answer));
        Assert.Contains("as \"0.737\" in cell 2 output", Assert.Single(leaks), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The gradient is [0.0987, -0.0987].")]
    [InlineData("q − p = [+0.0986877, −0.0986877]")]
    public void A_vector_answer_printed_as_an_array_is_found(string prose)
    {
        var leaks = Leaks(Page([Ipynb.Markdown(prose)]), Array(0.098687660112452, -0.098687660112452));
        Assert.Contains(leaks, l => l.Contains("answer [0.098687660112452, -0.098687660112452] as", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_answer_numbers_printed_as_a_pair_are_found_even_when_each_alone_is_too_common()
    {
        var page = Page([Ipynb.Code("Show()", Ipynb.Plain("(0.5, 0.25)"))]);
        var leak = Assert.Single(Leaks(page, Number(0.5), Number(0.25)));
        Assert.EndsWith("answer [0.5, 0.25] as \"0.5, 0.25\" in cell 2 output", leak, StringComparison.Ordinal);
        Assert.Empty(Leaks(page, Number(0.5)));
        Assert.Empty(Leaks(page, Number(0.25), Number(0.5))); // the other order is another pair
    }

    [Fact]
    public void An_answer_in_another_power_of_ten_unit_is_found_at_5_digits()
    {
        // 4,096 × 128,000 float32 entries = 2,097,152,000 bytes, printed in megabytes by an earlier cell.
        var page = Page([Ipynb.Code("Sizes()", Ipynb.Stream("N × C = 4,096 × 128,000:    2,097.2 MB per matrix\n"))]);
        Assert.Contains("as \"2,097.2\" in cell 2 output", Assert.Single(Leaks(page, Number(2_097_152_000))), StringComparison.Ordinal);
        var fewDigits = Page([Ipynb.Code("Sizes()", Ipynb.Stream("about 2.10 GB, 21.0 and 210\n"))]);
        Assert.Empty(Leaks(fewDigits, Number(2_097_152_000)));
    }

    [Fact]
    public void For_an_exact_answer_only_all_its_digits_show_it_unless_it_is_an_integer()
    {
        var statement = Ipynb.Tagged(Ipynb.Markdown("### Exercise 9.3: the float threshold, exactly\n\nFind the largest float x with a finite exp."),
            NotebookConventions.Default.ExerciseTag);
        JsonObject[] cells =
        [
            Ipynb.Markdown("# 9"), Ipynb.Markdown("The threshold is near 88.72."), statement,
            Ipynb.Code("float x = float.NaN;\n// BEGIN SOLUTION\nx = 88.72283f;\n// END SOLUTION\nCheck(x)"),
        ];
        var file = Ipynb.Notebook(Ipynb.VsCodeMetadata(), cells);
        var notebook = new NotebookFile(file.Root, "09-exact.ipynb").View();
        Assert.Empty(PageLeakScanner.Leaks(notebook, new Dictionary<int, IReadOnlyList<JsonNode?>> { [4] = [Number(88.72283)] }));
        Assert.Single(PageLeakScanner.FindValue("printed: 88.72283", 88.72283, exact: true));
        // An integer (a size in bytes) is shown by any rounding as usual: 8,390,000,000 at 3 digits, 8,388.6 MB at 5.
        Assert.Single(PageLeakScanner.FindValue("about 8,390,000,000 bytes", 8_388_608_000, exact: true));
        Assert.Single(PageLeakScanner.FindValue("about 8,388.6 MB", 8_388_608_000, exact: true));
    }

    [Fact]
    public void Two_answer_arrays_printed_together_are_found()
    {
        // Exercise 2.4's kind: two distributions, the pair printed earlier in a call.
        var page = Page([Ipynb.Code("Show()", Ipynb.Stream("H([0.5, 0.5], [1, 0]) = Infinity bits\n"))]);
        Assert.Contains("answer [0.5, 0.5, 1, 0] as \"0.5, 0.5], [1, 0\" in cell 2 output", Assert.Single(Leaks(page, Array(0.5, 0.5), Array(1, 0))),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_printed_many_times_in_one_output_is_one_line_with_a_count()
    {
        var page = Page([Ipynb.Code("Table()", Ipynb.Stream("0.73697 0.73697 0.73697\n"))]);
        Assert.EndsWith("in cell 2 output (3 times)", Assert.Single(Leaks(page, Number(Answer))), StringComparison.Ordinal);
        // An answer matrix repeats its entries: each value is looked for once (and the matrix as a sequence).
        var leaks = Leaks(page, Array(Answer, Answer, Answer));
        Assert.EndsWith("in cell 2 output (3 times)", Assert.Single(leaks, l => l.Contains("answer 0.7369655941662062 as", StringComparison.Ordinal)),
            StringComparison.Ordinal);
        Assert.Single(leaks, l => l.Contains("as \"0.73697 0.73697 0.73697\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Unrelated numbers: 0.738, 0.736, 7.37, 10.737, 0.7371.")]
    [InlineData("Rounded too far to say anything: 0.74 nats.")]
    [InlineData("float32 has 24 bits; x1 = 737 is a name and a count.")]
    public void Unrelated_or_too_short_numbers_are_not_leaks(string prose)
    {
        Assert.Empty(Leaks(Page([Ipynb.Markdown(prose)]), Number(Answer)));
    }

    [Fact]
    public void A_common_answer_alone_is_not_looked_for_and_the_rule_says_why()
    {
        Assert.False(PageLeakScanner.IsDistinctive(0.5));
        Assert.False(PageLeakScanner.IsDistinctive(1000));
        Assert.False(PageLeakScanner.IsDistinctive(0.25));
        Assert.True(PageLeakScanner.IsDistinctive(1.25));
        Assert.Empty(Leaks(Page([Ipynb.Markdown("A fair coin: 0.5 and 0.50 and 0.500.")]), Number(0.5)));
    }

    [Fact]
    public void A_value_written_in_the_exercise_statement_is_an_input_not_a_leak()
    {
        // The statement gives q = [0.5, 0.5]; an answer variable holding q's entry (or 0.75 from p) is data.
        var page = Page([Ipynb.Markdown("Earlier: 0.75 and [0.25, 0.75] appear in a table.")]);
        Assert.Empty(Leaks(page, Number(0.75)));
        Assert.Empty(Leaks(page, Array(0.25, 0.75)));
    }

    [Fact]
    public void Folded_parts_and_later_exercises_are_not_the_page_before_the_exercise()
    {
        var later = new[]
        {
            Ipynb.Tagged(Ipynb.Markdown("### Exercise 9.2: next\n\nAnother."), NotebookConventions.Default.ExerciseTag),
            Ipynb.Markdown("After the next exercise the value may be discussed: 0.737."),
        };
        var page = Page([
            Ipynb.Tagged(Ipynb.Markdown("A worked answer: 0.737."), NotebookConventions.Default.SolutionTag),
            Ipynb.Code("double x = double.NaN;\n// BEGIN SOLUTION\nx = 0.73697;\n// END SOLUTION\nCheck(x)", Ipynb.Stream("0.73697\n")),
            Ipynb.Code("Check(0.9)", Ipynb.Verdict(CheckState.Incorrect, "Incorrect: Exercise 9.0 — the value 0.737 was expected", "Exercise 9.0")),
            Ipynb.Code("Chart()", Ipynb.PlotlyChart("c0ffee00-0000-0000-0000-000000000000", "[0.737,0.73697]")),
        ], later);
        Assert.Empty(Leaks(page, Number(Answer)));
    }

    [Fact]
    public void Something_said_right_after_the_exercise_is_around_it()
    {
        var page = Page([], Ipynb.Markdown("As the check will confirm, H(p, q) = 0.737."));
        Assert.Contains("(check cell 3): answer 0.7369655941662062 as \"0.737\" in cell 4 prose", Assert.Single(Leaks(page, Number(Answer))), StringComparison.Ordinal);
    }

    [Fact]
    public void Long_strings_are_looked_for_as_they_are_short_ones_are_not()
    {
        var page = Page([Ipynb.Markdown("The unit is bits per character; the letter b.")]);
        Assert.Single(Leaks(page, JsonValue.Create("bits per character")));
        Assert.Empty(Leaks(page, JsonValue.Create("b")));
    }

    [Theory]
    [InlineData("0.7370", 0.737, 4)]
    [InlineData("2,097.2", 2097.2, 5)]
    [InlineData("16,777,216,000", 16777216000.0, 8)]
    [InlineData("6.347600E-016", 6.3476e-16, 7)]
    [InlineData("1e−15", 1e-15, 1)]
    [InlineData("4096", 4096, 4)]
    [InlineData("1000", 1000, 1)]
    public void Numbers_are_read_with_their_significant_digits(string text, double value, int digits)
    {
        var number = Assert.Single(PageLeakScanner.Numbers($"x = {text} here"));
        Assert.Equal(value, number.Value, value * 1e-12);
        Assert.Equal(digits, number.Digits);
    }

    [Fact]
    public void A_list_is_read_as_separate_numbers_and_words_with_digits_are_not_numbers()
    {
        Assert.Equal([3, 1.5, 2], PageLeakScanner.Numbers("[3, 1.5, -2] in float32 and log2").Select(n => n.Value));
    }
}
