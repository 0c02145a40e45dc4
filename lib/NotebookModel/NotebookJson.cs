using System.Text.Json.Nodes;

namespace NotebookModel;

/// <summary>
/// Builds notebook JSON in nbformat 4's shape (cells, outputs, a notebook), for tools and tests that make notebooks
/// rather than read them. Text is stored as ipynb stores it: an array of lines, each keeping its line break.
/// </summary>
public static class NotebookJson
{
    /// <summary>A markdown cell.</summary>
    /// <param name="text">Its source.</param>
    /// <param name="tags">Its metadata tags.</param>
    /// <returns>The cell.</returns>
    public static JsonObject Markdown(string text, params string[] tags) => Tagged(new JsonObject
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new JsonObject(),
        ["source"] = Lines(text),
    }, tags);

    /// <summary>A C# code cell as VS Code's Polyglot Notebooks writes it, with outputs and no execution count.</summary>
    /// <param name="source">Its source.</param>
    /// <param name="outputs">Its outputs.</param>
    /// <returns>The cell.</returns>
    public static JsonObject Code(string source, params JsonNode[] outputs) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
        ["outputs"] = new JsonArray(outputs),
        ["source"] = Lines(source),
    };

    /// <summary>Sets a cell's metadata tags (replacing any) and returns the cell; no tags leaves it untouched.</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="tags">The tags.</param>
    /// <returns>The same cell.</returns>
    public static JsonObject Tagged(JsonObject cell, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Length > 0)
        {
            if (cell["metadata"] is not JsonObject metadata)
            {
                cell["metadata"] = metadata = [];
            }
            metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        }
        return cell;
    }

    /// <summary>A <c>display_data</c> output with one entry per MIME type.</summary>
    /// <param name="parts">MIME type and text of each entry.</param>
    /// <returns>The output.</returns>
    public static JsonObject Display(params (string Mime, string Text)[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var data = new JsonObject();
        foreach (var (mime, text) in parts)
        {
            data[mime] = Lines(text);
        }
        return new JsonObject { ["data"] = data, ["metadata"] = new JsonObject(), ["output_type"] = "display_data" };
    }

    /// <summary>A check's displayed verdict as the course's checks emit it: its text and its data.</summary>
    /// <param name="verdict">The verdict.</param>
    /// <param name="text">Its <c>text/plain</c> line.</param>
    /// <returns>The output.</returns>
    public static JsonObject Verdict(CheckVerdict verdict, string text)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return Display((CheckVerdict.MimeType, verdict.ToJson()), ("text/plain", text));
    }

    /// <summary>A <c>stream</c> output.</summary>
    /// <param name="text">The text written.</param>
    /// <param name="name"><c>stdout</c> or <c>stderr</c>.</param>
    /// <returns>The output.</returns>
    public static JsonObject Stream(string text, string name = "stdout") =>
        new() { ["name"] = name, ["output_type"] = "stream", ["text"] = Lines(text) };

    /// <summary>An <c>error</c> output.</summary>
    /// <param name="name">The exception type's name.</param>
    /// <param name="value">Its message.</param>
    /// <param name="traceback">The traceback lines.</param>
    /// <returns>The output.</returns>
    public static JsonObject Error(string name, string value, params string[] traceback) => new()
    {
        ["ename"] = name,
        ["evalue"] = value,
        ["output_type"] = "error",
        ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
    };

    /// <summary>A notebook (nbformat 4.2) with the given metadata and cells.</summary>
    /// <param name="metadata">The notebook's metadata.</param>
    /// <param name="cells">Its cells.</param>
    /// <param name="path">Its file name or path, for messages.</param>
    /// <returns>The notebook.</returns>
    public static NotebookFile Notebook(JsonObject metadata, IEnumerable<JsonObject> cells, string? path = null) => new(new JsonObject
    {
        ["cells"] = new JsonArray(cells.Select(c => (JsonNode?)c).ToArray()),
        ["metadata"] = metadata,
        ["nbformat"] = 4,
        ["nbformat_minor"] = 2,
    }, path);

    /// <summary>Text in ipynb's list-of-lines form (each line keeps its line break).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The lines.</returns>
    public static JsonArray Lines(string text) =>
        new(SolutionRegions.Lines(text).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());
}
