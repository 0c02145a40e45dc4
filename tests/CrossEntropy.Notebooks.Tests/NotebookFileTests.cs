using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

public class NotebookFileTests
{
    [Fact]
    public void Json_is_written_with_one_space_indent_sorted_keys_readable_html_and_a_trailing_newline()
    {
        var notebook = NotebookFile.Parse("""{"nbformat_minor": 2, "metadata": {"b": 1, "a": "<p>é</p>"}, "nbformat": 4, "cells": []}""");
        Assert.Equal("{\n \"cells\": [],\n \"metadata\": {\n  \"a\": \"<p>é</p>\",\n  \"b\": 1\n },\n \"nbformat\": 4,\n \"nbformat_minor\": 2\n}\n",
            notebook.ToJson());
    }

    [Fact]
    public void Saving_what_was_loaded_is_stable()
    {
        var first = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# x\ny"), Ipynb.Code("1 + 1", Ipynb.Plain("2"))).ToJson();
        Assert.Equal(first, NotebookFile.Parse(first).ToJson());
    }

    [Fact]
    public void Sources_stored_as_arrays_or_strings_read_the_same()
    {
        var notebook = NotebookFile.Parse("""
            {"cells": [{"cell_type": "code", "source": ["a\n", "b"], "metadata": {}, "outputs": []},
                       {"cell_type": "code", "source": "a\nb", "metadata": {}, "outputs": []}]}
            """);
        Assert.Equal("a\nb", NotebookFile.Source(notebook.Cells[0]));
        Assert.Equal("a\nb", NotebookFile.Source(notebook.Cells[1]));
    }

    [Fact]
    public void A_file_without_cells_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => NotebookFile.Parse("""{"metadata": {}}"""));
    }
}
