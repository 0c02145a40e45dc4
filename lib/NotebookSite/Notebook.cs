using System.Text.Json;

namespace NotebookSite;

/// <summary>The kind of a notebook cell.</summary>
public enum CellKind
{
    /// <summary>Prose in Markdown.</summary>
    Markdown,

    /// <summary>Code with its outputs.</summary>
    Code,

    /// <summary>A raw cell (shown as preformatted text).</summary>
    Raw,
}

/// <summary>One output of a code cell, reduced to what a page shows.</summary>
/// <param name="Type">The nbformat output type: <c>stream</c>, <c>display_data</c>, <c>execute_result</c> or <c>error</c>.</param>
/// <param name="Data">MIME type to text (for a stream, <c>text/plain</c> holds the text; for an error, the traceback).</param>
/// <param name="StreamName">For a stream: <c>stdout</c> or <c>stderr</c>.</param>
public sealed record CellOutput(string Type, IReadOnlyDictionary<string, string> Data, string? StreamName = null);

/// <summary>One cell of a notebook.</summary>
/// <param name="Kind">Markdown, code or raw.</param>
/// <param name="Source">The cell's text.</param>
/// <param name="Tags">The cell's metadata tags (e.g. <c>exercise</c>, <c>solution</c>).</param>
/// <param name="Outputs">A code cell's outputs; empty otherwise.</param>
/// <param name="Language">A code cell's kernel (Polyglot's <c>kernelName</c>, e.g. <c>csharp</c>); C# when not stated.</param>
public sealed record Cell(CellKind Kind, string Source, IReadOnlyList<string> Tags, IReadOnlyList<CellOutput> Outputs, string Language = "csharp")
{
    /// <summary>Whether the cell carries a tag.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>True when tagged.</returns>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);
}

/// <summary>A notebook read from an .ipynb file: its name and cells. Metadata the site does not use is ignored.</summary>
/// <param name="FileName">The notebook's file name, e.g. <c>01-entropy.ipynb</c>.</param>
/// <param name="Cells">Its cells, in order.</param>
public sealed record Notebook(string FileName, IReadOnlyList<Cell> Cells)
{
    /// <summary>The file name without <c>.ipynb</c>, e.g. <c>01-entropy</c>.</summary>
    public string Stem => Path.GetFileNameWithoutExtension(FileName);

    /// <summary>Reads an .ipynb file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook; the message names the file.</exception>
    public static Notebook Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Parses .ipynb JSON.</summary>
    /// <param name="json">The notebook text.</param>
    /// <param name="fileName">Its file name (used for the page name and in messages).</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="InvalidDataException">Not a notebook; the message names the file.</exception>
    public static Notebook Parse(string json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{fileName}: not a notebook (no \"cells\" array).");
        }
        return new Notebook(fileName, cells.EnumerateArray().Select(ReadCell).ToArray());
    }

    private static Cell ReadCell(JsonElement cell)
    {
        var kind = cell.GetProperty("cell_type").GetString() switch
        {
            "markdown" => CellKind.Markdown,
            "code" => CellKind.Code,
            _ => CellKind.Raw,
        };
        var hasMetadata = cell.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object;
        var tags = hasMetadata && metadata.TryGetProperty("tags", out var t)
            && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Select(x => x.GetString() ?? "").ToArray()
            : [];
        var outputs = cell.TryGetProperty("outputs", out var o) && o.ValueKind == JsonValueKind.Array
            ? o.EnumerateArray().Select(ReadOutput).ToArray()
            : [];
        var language = hasMetadata
            && metadata.TryGetProperty("polyglot_notebook", out var polyglot) && polyglot.ValueKind == JsonValueKind.Object
            && polyglot.TryGetProperty("kernelName", out var kernel) && kernel.ValueKind == JsonValueKind.String
            ? kernel.GetString()!
            : "csharp";
        return new Cell(kind, Joined(cell.GetProperty("source")), tags, outputs, language);
    }

    private static CellOutput ReadOutput(JsonElement output)
    {
        var type = output.GetProperty("output_type").GetString() ?? "";
        switch (type)
        {
            case "stream":
                return new CellOutput(type, new Dictionary<string, string> { ["text/plain"] = Joined(output.GetProperty("text")) },
                    output.TryGetProperty("name", out var name) ? name.GetString() : null);
            case "error":
                var traceback = output.TryGetProperty("traceback", out var tb) ? Joined(tb, "\n") : "";
                var summary = $"{Property(output, "ename")}: {Property(output, "evalue")}";
                return new CellOutput(type, new Dictionary<string, string>
                {
                    ["text/plain"] = traceback.Length > 0 ? traceback : summary,
                });
            default:
                var data = new Dictionary<string, string>(StringComparer.Ordinal);
                if (output.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object)
                {
                    foreach (var mime in d.EnumerateObject())
                    {
                        data[mime.Name] = mime.Value.ValueKind == JsonValueKind.Object ? mime.Value.GetRawText() : Joined(mime.Value);
                    }
                }
                return new CellOutput(type, data);
        }
    }

    private static string Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    /// <summary>nbformat stores text as one string or as an array of lines (each keeping its newline).</summary>
    private static string Joined(JsonElement text, string separator = "") => text.ValueKind switch
    {
        JsonValueKind.String => text.GetString() ?? "",
        JsonValueKind.Array => string.Join(separator, text.EnumerateArray().Select(l => l.GetString())),
        _ => "",
    };
}
