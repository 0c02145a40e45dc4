using System.Text.Json.Nodes;

namespace NotebookModel.Tests;

public class CellViewTests
{
    private static Notebook Sample() => NotebookJson.Notebook([], [
        NotebookJson.Markdown("# Title\n\nProse.", "exercise", "extra"),
        NotebookJson.Code("Console.WriteLine(1);\n1 + 1",
            NotebookJson.Stream("1\n"),
            NotebookJson.Stream("careful\n", "stderr"),
            NotebookJson.Display(("text/html", "<b>2</b>"), ("text/plain", "2"), ("image/png", "iVBOR")),
            NotebookJson.Error("System.DivideByZeroException", "Attempted to divide by zero.", "at line 1", "at line 2")),
        new JsonObject { ["cell_type"] = "raw", ["metadata"] = new JsonObject(), ["source"] = "raw text" },
        NotebookJson.Code("x", NotebookJson.Error("E", "no traceback")),
    ], "07-sample.ipynb").View();

    [Fact]
    public void Cells_have_kind_source_tags_number_and_language()
    {
        var notebook = Sample();
        Assert.Equal("07-sample", notebook.Stem);
        Assert.Equal([CellKind.Markdown, CellKind.Code, CellKind.Raw, CellKind.Code], notebook.Cells.Select(c => c.Kind));
        Assert.Equal([2, 4], notebook.CodeCells.Select(c => c.Number));
        var prose = notebook.Cells[0];
        Assert.Equal("# Title\n\nProse.", prose.Source);
        Assert.Equal(["exercise", "extra"], prose.Tags);
        Assert.True(prose.HasTag("exercise"));
        Assert.False(prose.HasTag("Exercise")); // ordinal
        Assert.Empty(notebook.Cells[1].Tags);
        Assert.Equal("raw text", notebook.Cells[2].Source);
        Assert.Equal("csharp", notebook.Cells[1].Language);
    }

    [Fact]
    public void Outputs_keep_type_stream_name_mime_data_and_error()
    {
        var outputs = Sample().Cells[1].Outputs;
        Assert.Equal(["stream", "stream", "display_data", "error"], outputs.Select(o => o.Type));
        Assert.Equal(["stdout", "stderr"], outputs.Take(2).Select(o => o.StreamName));
        Assert.Equal("1\n", outputs[0].Text);
        Assert.Equal(["text/html", "text/plain", "image/png"], outputs[2].Data.Keys);
        Assert.Equal("<b>2</b>\n2", outputs[2].Text); // text/* entries only, not the image
        Assert.Equal("System.DivideByZeroException", outputs[3].ErrorName);
        Assert.Equal("Attempted to divide by zero.", outputs[3].ErrorValue);
        Assert.Equal("at line 1\nat line 2", outputs[3].Data["text/plain"]);
        Assert.Equal("Attempted to divide by zero.", outputs[3].Text);
        Assert.Equal("E: no traceback", Sample().Cells[3].Outputs[0].Data["text/plain"]);
    }

    [Fact]
    public void Output_text_joins_what_a_reader_sees()
    {
        Assert.Equal("1\n\ncareful\n\n<b>2</b>\n2\nAttempted to divide by zero.", Sample().Cells[1].OutputText);
    }

    [Fact]
    public void A_json_object_entry_is_kept_as_its_json_text()
    {
        var output = CellOutput.From(new JsonObject
        {
            ["output_type"] = "execute_result",
            ["data"] = new JsonObject { ["application/json"] = new JsonObject { ["a"] = 1 } },
        });
        Assert.Equal("{\"a\":1}", output.Data["application/json"]);
    }

    [Fact]
    public void The_view_is_a_snapshot_and_edits_go_through_the_file()
    {
        var file = NotebookJson.Notebook([], [NotebookJson.Code("a")]);
        var before = file.View();
        NotebookFile.SetSource(file.Cells[0], "b");
        Assert.Equal("a", before.Cells[0].Source);
        Assert.Equal("b", file.View().Cells[0].Source);
    }
}
