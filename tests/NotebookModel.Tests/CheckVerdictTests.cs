using System.Text.Json.Nodes;

namespace NotebookModel.Tests;

public class CheckVerdictTests
{
    private static CellOutput Output(params (string Mime, string Text)[] parts) => CellOutput.From(NotebookJson.Display(parts));

    [Theory]
    [InlineData("solved", CheckState.Solved)]
    [InlineData("incorrect", CheckState.Incorrect)]
    [InlineData("not-solved-yet", CheckState.NotSolvedYet)]
    public void A_verdict_is_read_from_its_data(string name, CheckState state)
    {
        var output = Output(("text/plain", "whatever the label says, in any language"),
            ("application/json", $$"""{"check":"Exercise 1.1, a die","verdict":"{{name}}"}"""));
        Assert.Equal(new CheckVerdict("Exercise 1.1, a die", state), output.Verdict);
        Assert.Equal(name, CheckVerdict.Name(state));
    }

    [Fact]
    public void Data_stored_as_a_json_object_is_read_too()
    {
        // nbformat's own form for application/json; dotnet-repl stores it as a string.
        var output = CellOutput.From(new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = new JsonObject { ["application/json"] = new JsonObject { ["check"] = "c", ["verdict"] = "solved" } },
        });
        Assert.Equal(CheckState.Solved, output.Verdict!.State);
    }

    [Fact]
    public void A_verdict_written_and_read_back_is_the_same()
    {
        foreach (var state in new[] { CheckState.Solved, CheckState.Incorrect, CheckState.NotSolvedYet })
        {
            var verdict = new CheckVerdict("练习 1.1 “骰子”", state);
            Assert.Equal(verdict, CellOutput.From(NotebookJson.Verdict(verdict, "text")).Verdict);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckVerdict.Name(CheckState.Missing));
    }

    [Theory]
    [InlineData("text/plain", "Solved: Exercise 1.1 — matches.")]
    [InlineData("text/html", "<strong>✔ Solved</strong>")]
    [InlineData("application/json", "{\"a\": 1}")]
    [InlineData("application/json", "[\"check\", \"verdict\"]")]
    [InlineData("application/json", "not json")]
    [InlineData("application/json", "{\"check\": 1, \"verdict\": \"solved\"}")]
    public void Labels_in_text_and_other_json_are_no_verdict(string mime, string text)
    {
        Assert.Null(Output((mime, text)).Verdict);
    }

    [Fact]
    public void An_unknown_verdict_name_is_an_error_naming_the_check_and_the_value()
    {
        var output = Output(("application/json", """{"check":"Exercise 2.1","verdict":"Solved"}"""));
        var e = Assert.Throws<InvalidDataException>(() => output.Verdict);
        Assert.Contains("Exercise 2.1", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Solved'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_reports_its_most_cautious_verdict()
    {
        static JsonObject V(CheckState s) => NotebookJson.Verdict(new CheckVerdict("c", s), "t");
        Assert.Equal(CheckState.Missing, Cell.From(NotebookJson.Code("x", NotebookJson.Stream("Solved: x\n")), 1).Verdict);
        Assert.Equal(CheckState.Solved, Cell.From(NotebookJson.Code("x", V(CheckState.Solved)), 1).Verdict);
        Assert.Equal(CheckState.Incorrect, Cell.From(NotebookJson.Code("x", V(CheckState.Solved), V(CheckState.Incorrect)), 1).Verdict);
        Assert.Equal(CheckState.NotSolvedYet,
            Cell.From(NotebookJson.Code("x", V(CheckState.Incorrect), V(CheckState.NotSolvedYet), V(CheckState.Solved)), 1).Verdict);
    }
}
