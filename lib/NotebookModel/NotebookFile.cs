using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookModel;

/// <summary>
/// An .ipynb notebook held as a <see cref="JsonObject"/>, so that anything this tool does not know
/// about (metadata, extra keys) survives a load/save round trip unchanged, and re-saving a notebook VS Code wrote
/// gives the same bytes. The one place that reads and writes notebook JSON; <see cref="View"/> gives the typed cells.
/// </summary>
public sealed class NotebookFile
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 1, // like Jupyter and VS Code
        // Like VS Code's JSON.stringify: keep '<', '>', '&' and non-ASCII text readable in diffs.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Wraps a parsed notebook.</summary>
    /// <param name="root">The notebook's top-level object.</param>
    /// <param name="path">Where it came from, for messages.</param>
    public NotebookFile(JsonObject root, string? path = null)
    {
        Root = root ?? throw new ArgumentNullException(nameof(root));
        Path = path;
        if (Root["cells"] is not JsonArray)
        {
            throw new InvalidDataException($"{Name}: not a notebook (no \"cells\" array).");
        }
    }

    /// <summary>The notebook's top-level JSON object.</summary>
    public JsonObject Root { get; }

    /// <summary>The file it was loaded from, if any.</summary>
    public string? Path { get; }

    /// <summary>The file name, or "(notebook)" when it has no path.</summary>
    public string Name => Path is null ? "(notebook)" : System.IO.Path.GetFileName(Path);

    /// <summary>All cells, in order.</summary>
    public IReadOnlyList<JsonObject> Cells => ((JsonArray)Root["cells"]!).Select(c => c as JsonObject
        ?? throw new InvalidDataException($"{Name}: a cell is not a JSON object.")).ToArray();

    /// <summary>The code cells with their 1-based position among all cells (the number a reader counts).</summary>
    public IReadOnlyList<(int Number, JsonObject Cell)> CodeCells =>
        Cells.Select((c, i) => (Number: i + 1, Cell: c)).Where(x => IsCode(x.Cell)).ToArray();

    /// <summary>Reads a notebook file.</summary>
    /// <param name="path">The .ipynb path.</param>
    /// <returns>The notebook.</returns>
    public static NotebookFile Load(string path) =>
        Parse(File.ReadAllText(path, Encoding.UTF8), path);

    /// <summary>Parses notebook JSON.</summary>
    /// <param name="json">The .ipynb text.</param>
    /// <param name="path">Where it came from, for messages.</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="InvalidDataException">Not JSON (the message names the file, the line and what is wrong), or not a notebook.</exception>
    public static NotebookFile Parse(string json, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var name = path is null ? "(notebook)" : System.IO.Path.GetFileName(path);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            // One line a reader can act on, instead of the parser's stack: file, line (1-based), what is wrong.
            var line = e.LineNumber is { } l ? $" line {l + 1}:" : "";
            var what = e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].TrimEnd('.', ' ');
            throw new InvalidDataException($"{name}:{line} not valid notebook JSON: {what}.", e);
        }
        return new(root as JsonObject ?? throw new InvalidDataException($"{name}: top level is not a JSON object."), path);
    }

    /// <summary>The typed, read-only view of the notebook as it is now (cells, tags, outputs).</summary>
    /// <returns>The view; later edits of this file do not change it.</returns>
    public Notebook View() => new(Name, Cells.Select((c, i) => Cell.From(c, i + 1)).ToArray());

    /// <summary>Whether a cell is a code cell.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>True for <c>"cell_type": "code"</c>.</returns>
    public static bool IsCode(JsonObject cell) => (string?)cell["cell_type"] == "code";

    /// <summary>A cell's source as one string (ipynb stores it as a string or an array of lines).</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>The source text.</returns>
    public static string Source(JsonObject cell) => Text(cell["source"]);

    /// <summary>The cell's metadata tags (<c>"metadata": {"tags": [...]}</c>); empty when it has none.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>The tags, in order.</returns>
    public static IReadOnlyList<string> Tags(JsonObject cell) =>
        (cell["metadata"] as JsonObject)?["tags"] is JsonArray tags
            ? tags.Select(t => t is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>().ToArray()
            : [];

    /// <summary>A code cell's kernel: Polyglot's <c>metadata.polyglot_notebook.kernelName</c>, <c>csharp</c> when not stated.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>The kernel name.</returns>
    public static string Language(JsonObject cell) =>
        ((cell["metadata"] as JsonObject)?["polyglot_notebook"] as JsonObject)?["kernelName"] is JsonValue v
        && v.TryGetValue(out string? kernel) ? kernel : "csharp";

    /// <summary>Whether the cell's metadata tags include <paramref name="tag"/> (ordinal comparison).</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="tag">The tag.</param>
    /// <returns>True when tagged.</returns>
    public static bool HasTag(JsonObject cell, string tag) => Tags(cell).Contains(tag, StringComparer.Ordinal);

    /// <summary>Sets a cell's source as ipynb stores it: an array of lines, each but the last ending in a line break.</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="source">The new source.</param>
    public static void SetSource(JsonObject cell, string source)
    {
        ArgumentNullException.ThrowIfNull(cell);
        cell["source"] = NotebookJson.Lines(source);
    }

    /// <summary>Replaces a code cell's outputs.</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="outputs">The new outputs (taken, not copied).</param>
    public static void SetOutputs(JsonObject cell, JsonArray outputs)
    {
        ArgumentNullException.ThrowIfNull(cell);
        cell["outputs"] = outputs;
    }

    /// <summary>Empties a code cell's outputs and execution count, as a cell that never ran.</summary>
    /// <param name="cell">The cell.</param>
    public static void ClearOutputs(JsonObject cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        cell["outputs"] = new JsonArray();
        cell["execution_count"] = null;
    }

    /// <summary>A cell's outputs (empty when it has none).</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>The outputs array, or an empty one.</returns>
    public static JsonArray Outputs(JsonObject cell) => cell["outputs"] as JsonArray ?? [];

    /// <summary>Joins an ipynb multi-line string (a string or an array of strings) into one string.</summary>
    /// <param name="node">The JSON value.</param>
    /// <returns>The text; empty for null.</returns>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue v when v.TryGetValue(out string? s) => s ?? "",
        _ => node.ToJsonString(),
    };

    /// <summary>
    /// The stable text form: 1-space indent, keys sorted ordinally at every level (as VS Code's ipynb
    /// serializer and nbformat write them, so re-saving in either makes no diff), trailing newline.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            WriteSorted(writer, Root);
        }
        // Utf8JsonWriter writes "\r\n" on Windows; notebooks are committed with "\n" everywhere.
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Writes <see cref="ToJson"/> to a file (UTF-8, no byte-order mark).</summary>
    /// <param name="path">The destination.</param>
    public void Save(string path) => File.WriteAllText(path, ToJson(), new UTF8Encoding(false));

    /// <summary>A deep copy, for editing without touching this notebook.</summary>
    /// <returns>The copy.</returns>
    public NotebookFile Clone() => new((JsonObject)Root.DeepClone(), Path);

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteSorted(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
