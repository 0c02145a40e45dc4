using System.Text.Json.Nodes;
using NotebookModel;

namespace CrossEntropy.Site.Tests;

/// <summary>Builds small .ipynb files for the renderer's unit tests.</summary>
internal sealed class InlineNotebook
{
    private readonly List<JsonObject> cells = [];

    public InlineNotebook Markdown(string source, params string[] tags)
    {
        cells.Add(NotebookJson.Markdown(source, tags));
        return this;
    }

    public InlineNotebook Code(string source, params JsonObject[] outputs)
    {
        var cell = NotebookJson.Code(source, outputs);
        cell["execution_count"] = 1;
        cells.Add(cell);
        return this;
    }

    /// <summary>Adds a metadata tag to the last cell (for a code cell, which <see cref="Code"/> adds untagged).</summary>
    public InlineNotebook TagLast(string tag)
    {
        var cell = cells[^1];
        NotebookJson.Tagged(cell, [.. NotebookFile.Tags(cell), tag]);
        return this;
    }

    public static JsonObject Stream(string text, string name = "stdout") => NotebookJson.Stream(text, name);

    public static JsonObject Display(string mime, string content) => NotebookJson.Display((mime, content));

    public static JsonObject Error(string name, string value, params string[] traceback) => NotebookJson.Error(name, value, traceback);

    /// <summary>Writes the notebook as <paramref name="fileName"/> in <paramref name="directory"/>.</summary>
    public string WriteTo(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        NotebookJson.Notebook([], cells.Select(c => (JsonObject)c.DeepClone())).Save(path);
        return path;
    }
}
