using System.Text;
using System.Text.Json.Nodes;

namespace NotebookModel.Tests;

public class NotebookFileTests
{
    [Theory]
    [MemberData(nameof(Repository.CommittedNotebooks), MemberType = typeof(Repository))]
    public void Every_committed_notebook_re_saves_byte_identically(string notebook)
    {
        var path = Path.Combine(Repository.Notebooks, notebook);
        var bytes = File.ReadAllBytes(path);
        var saved = Encoding.UTF8.GetBytes(NotebookFile.Load(path).ToJson());
        Assert.True(bytes.AsSpan().SequenceEqual(saved), $"{notebook}: re-saving changes its bytes");
    }

    [Theory]
    [MemberData(nameof(Repository.CommittedNotebooks), MemberType = typeof(Repository))]
    public void Every_committed_notebook_has_a_typed_view_of_each_cell(string notebook)
    {
        var file = NotebookFile.Load(Path.Combine(Repository.Notebooks, notebook));
        var view = file.View();
        Assert.Equal(notebook, view.FileName);
        Assert.Equal(file.Cells.Count, view.Cells.Count);
        Assert.Equal(Enumerable.Range(1, view.Cells.Count), view.Cells.Select(c => c.Number));
        Assert.Equal(file.CodeCells.Select(c => c.Number), view.CodeCells.Select(c => c.Number));
        Assert.All(view.CodeCells, c => Assert.Equal("csharp", c.Language));
    }

    [Fact]
    public void Unknown_metadata_and_keys_survive_a_round_trip_with_keys_sorted()
    {
        const string json = """
            {"nbformat": 4, "metadata": {"zz_tool": {"b": [1, 2.50, "<x> & é"], "a": null}, "kernelspec": {"name": ".net-csharp"}},
             "nbformat_minor": 2, "cells": [{"source": ["x"], "metadata": {"custom": true, "polyglot_notebook": {"kernelName": "fsharp"}},
             "cell_type": "code", "outputs": [], "execution_count": 3, "extra": {"kept": "yes"}}]}
            """;
        var file = NotebookFile.Parse(json, "x.ipynb");
        var saved = file.ToJson();
        Assert.Equal("""
            {
             "cells": [
              {
               "cell_type": "code",
               "execution_count": 3,
               "extra": {
                "kept": "yes"
               },
               "metadata": {
                "custom": true,
                "polyglot_notebook": {
                 "kernelName": "fsharp"
                }
               },
               "outputs": [],
               "source": [
                "x"
               ]
              }
             ],
             "metadata": {
              "kernelspec": {
               "name": ".net-csharp"
              },
              "zz_tool": {
               "a": null,
               "b": [
                1,
                2.50,
                "<x> & é"
               ]
              }
             },
             "nbformat": 4,
             "nbformat_minor": 2
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal), saved);
        Assert.Equal(saved, NotebookFile.Parse(saved).ToJson());
        Assert.Equal("fsharp", file.View().Cells[0].Language);
    }

    [Fact]
    public void Json_is_written_with_one_space_indent_sorted_keys_readable_html_and_a_trailing_newline()
    {
        var notebook = NotebookFile.Parse("""{"nbformat_minor": 2, "metadata": {"b": 1, "a": "<p>é</p>"}, "nbformat": 4, "cells": []}""");
        Assert.Equal("{\n \"cells\": [],\n \"metadata\": {\n  \"a\": \"<p>é</p>\",\n  \"b\": 1\n },\n \"nbformat\": 4,\n \"nbformat_minor\": 2\n}\n",
            notebook.ToJson());
    }

    [Fact]
    public void Sources_stored_as_arrays_or_strings_read_the_same()
    {
        var notebook = NotebookFile.Parse("""
            {"cells": [{"cell_type": "code", "source": ["a\n", "b"], "metadata": {}, "outputs": []},
                       {"cell_type": "code", "source": "a\nb", "metadata": {}, "outputs": []}]}
            """).View();
        Assert.Equal("a\nb", notebook.Cells[0].Source);
        Assert.Equal("a\nb", notebook.Cells[1].Source);
    }

    [Fact]
    public void Corrupt_json_is_one_line_naming_the_file_and_the_line()
    {
        var e = Assert.Throws<InvalidDataException>(() => NotebookFile.Parse("{\n \"cells\": [\n  {\"cell_type\": \"code\",,}\n ]\n}", "/x/03-broken.ipynb"));
        Assert.StartsWith("03-broken.ipynb: line 3: not valid notebook JSON: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "top level is not a JSON object")]
    [InlineData("{\"metadata\": {}}", "no \"cells\" array")]
    public void Json_that_is_no_notebook_is_named(string json, string problem)
    {
        var e = Assert.Throws<InvalidDataException>(() => NotebookFile.Parse(json, "x.ipynb"));
        Assert.StartsWith("x.ipynb: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_is_written_as_ipynb_lines_and_outputs_can_be_cleared()
    {
        var cell = NotebookJson.Code("a", NotebookJson.Stream("1\n"));
        cell["execution_count"] = 4;
        NotebookFile.SetSource(cell, "x = 1;\ny = 2;\n");
        Assert.Equal(["x = 1;\n", "y = 2;\n"], ((JsonArray)cell["source"]!).Select(l => (string)l!));
        NotebookFile.ClearOutputs(cell);
        Assert.Empty(NotebookFile.Outputs(cell));
        Assert.Null(cell["execution_count"]);
    }
}
