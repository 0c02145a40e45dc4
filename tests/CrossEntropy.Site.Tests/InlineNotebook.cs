using System.Text.Json.Nodes;

namespace CrossEntropy.Site.Tests;

/// <summary>Builds small .ipynb files for the renderer's unit tests.</summary>
internal sealed class InlineNotebook
{
    private readonly JsonArray cells = [];

    public InlineNotebook Markdown(string source, params string[] tags)
    {
        cells.Add(Cell("markdown", source, tags));
        return this;
    }

    public InlineNotebook Code(string source, params JsonObject[] outputs)
    {
        var cell = Cell("code", source, []);
        cell["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o).ToArray());
        cell["execution_count"] = 1;
        return this.With(cell);
    }

    /// <summary>Adds a metadata tag to the last cell (for a code cell, which <see cref="Code"/> adds untagged).</summary>
    public InlineNotebook TagLast(string tag)
    {
        ((JsonArray)cells[^1]!["metadata"]!["tags"]!).Add(tag);
        return this;
    }

    public static JsonObject Stream(string text, string name = "stdout") =>
        new() { ["output_type"] = "stream", ["name"] = name, ["text"] = new JsonArray(text) };

    public static JsonObject Display(string mime, string content) =>
        new() { ["output_type"] = "display_data", ["metadata"] = new JsonObject(), ["data"] = new JsonObject { [mime] = content } };

    public static JsonObject Error(string name, string value, params string[] traceback) => new()
    {
        ["output_type"] = "error", ["ename"] = name, ["evalue"] = value,
        ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
    };

    /// <summary>Writes the notebook as <paramref name="fileName"/> in <paramref name="directory"/>.</summary>
    public string WriteTo(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        var root = new JsonObject { ["cells"] = cells.DeepClone(), ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 2 };
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private InlineNotebook With(JsonObject cell)
    {
        cells.Add(cell);
        return this;
    }

    private static JsonObject Cell(string type, string source, string[] tags) => new()
    {
        ["cell_type"] = type,
        ["metadata"] = new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()) },
        ["source"] = source,
    };
}
