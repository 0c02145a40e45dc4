using System.Text.Json.Nodes;

namespace NotebookModel;

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

/// <summary>One output of a code cell, as read from the notebook.</summary>
/// <param name="Type">The nbformat output type: <c>stream</c>, <c>display_data</c>, <c>execute_result</c> or <c>error</c>.</param>
/// <param name="Data">MIME type to text (a JSON object value as its JSON text); for a stream, <c>text/plain</c> holds
/// the text; for an error, <c>text/plain</c> holds the traceback (or <c>name: value</c> when there is none).</param>
/// <param name="StreamName">For a stream: <c>stdout</c> or <c>stderr</c>.</param>
/// <param name="ErrorName">For an error: the exception's type name (<c>ename</c>).</param>
/// <param name="ErrorValue">For an error: its message (<c>evalue</c>).</param>
public sealed record CellOutput(string Type, IReadOnlyDictionary<string, string> Data, string? StreamName = null,
    string? ErrorName = null, string? ErrorValue = null)
{
    /// <summary>Whether it is a Plotly chart (<see cref="PlotlyOutput"/>).</summary>
    public bool IsChart => PlotlyOutput.IsChart(this);

    /// <summary>The check verdict it carries as data, or null (<see cref="CheckVerdict"/>).</summary>
    public CheckVerdict? Verdict => CheckVerdict.Read(this);

    /// <summary>
    /// The text a reader of the output sees: a stream's text, an error's message, or every <c>text/…</c> entry
    /// (plain, HTML, markdown), separated by line breaks.
    /// </summary>
    public string Text => Type switch
    {
        "stream" => Data.GetValueOrDefault("text/plain", ""),
        "error" => ErrorValue ?? "",
        _ => string.Join("\n", Data.Where(d => d.Key.StartsWith("text/", StringComparison.Ordinal) && d.Value.Length > 0).Select(d => d.Value)),
    };

    /// <summary>Reads one element of a cell's <c>outputs</c> array.</summary>
    /// <param name="output">The output's JSON object.</param>
    /// <returns>The output.</returns>
    public static CellOutput From(JsonObject output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var type = (string?)output["output_type"] ?? "";
        switch (type)
        {
            case "stream":
                return new CellOutput(type, new Dictionary<string, string> { ["text/plain"] = NotebookFile.Text(output["text"]) },
                    StreamName: (string?)output["name"]);
            case "error":
                var name = (string?)output["ename"] ?? "";
                var value = (string?)output["evalue"] ?? "";
                var traceback = output["traceback"] is JsonArray lines
                    ? string.Join("\n", lines.Select(l => (string?)l ?? ""))
                    : "";
                return new CellOutput(type, new Dictionary<string, string>
                {
                    ["text/plain"] = traceback.Length > 0 ? traceback : $"{name}: {value}",
                }, ErrorName: name, ErrorValue: value);
            default:
                var data = new Dictionary<string, string>(StringComparer.Ordinal);
                if (output["data"] is JsonObject mimes)
                {
                    foreach (var (mime, entry) in mimes)
                    {
                        data[mime] = NotebookFile.Text(entry);
                    }
                }
                return new CellOutput(type, data);
        }
    }
}

/// <summary>One cell of a notebook, as read from it.</summary>
/// <param name="Number">Its 1-based position among all cells (the number a reader counts and messages use).</param>
/// <param name="Kind">Markdown, code or raw.</param>
/// <param name="Source">The cell's text.</param>
/// <param name="Tags">The cell's metadata tags (e.g. <c>exercise</c>, <c>solution</c>), in order.</param>
/// <param name="Outputs">A code cell's outputs; empty otherwise.</param>
/// <param name="Language">A code cell's kernel (Polyglot's <c>kernelName</c>, e.g. <c>csharp</c>); C# when not stated.</param>
public sealed record Cell(int Number, CellKind Kind, string Source, IReadOnlyList<string> Tags,
    IReadOnlyList<CellOutput> Outputs, string Language = "csharp")
{
    /// <summary>Whether the cell carries a tag (ordinal comparison).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>True when tagged.</returns>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>Whether it is a code cell.</summary>
    public bool IsCode => Kind == CellKind.Code;

    /// <summary>All text its outputs show (<see cref="CellOutput.Text"/>), separated by line breaks.</summary>
    public string OutputText => string.Join("\n", Outputs.Select(o => o.Text).Where(t => t.Length > 0));

    /// <summary>The verdict its outputs carry (<see cref="CheckVerdict.Of"/>).</summary>
    public CheckState Verdict => CheckVerdict.Of(this);

    /// <summary>Reads one element of a notebook's <c>cells</c> array.</summary>
    /// <param name="cell">The cell's JSON object.</param>
    /// <param name="number">Its 1-based position among all cells.</param>
    /// <returns>The cell.</returns>
    public static Cell From(JsonObject cell, int number)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var kind = (string?)cell["cell_type"] switch
        {
            "markdown" => CellKind.Markdown,
            "code" => CellKind.Code,
            _ => CellKind.Raw,
        };
        var outputs = NotebookFile.Outputs(cell).OfType<JsonObject>().Select(CellOutput.From).ToArray();
        return new Cell(number, kind, NotebookFile.Source(cell), NotebookFile.Tags(cell), outputs, NotebookFile.Language(cell));
    }
}

/// <summary>
/// A notebook's typed, read-only view: its file name and cells. Made from a <see cref="NotebookFile"/> (which keeps
/// the JSON for editing and saving); metadata the view does not name stays in the file.
/// </summary>
/// <param name="FileName">The notebook's file name, e.g. <c>01-entropy.ipynb</c>.</param>
/// <param name="Cells">Its cells, in order.</param>
public sealed record Notebook(string FileName, IReadOnlyList<Cell> Cells)
{
    /// <summary>The file name without <c>.ipynb</c>, e.g. <c>01-entropy</c>.</summary>
    public string Stem => Path.GetFileNameWithoutExtension(FileName);

    /// <summary>The code cells, in order.</summary>
    public IReadOnlyList<Cell> CodeCells => Cells.Where(c => c.IsCode).ToArray();

    /// <summary>Reads an .ipynb file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="InvalidDataException">The file is not a notebook; the message names it.</exception>
    public static Notebook Load(string path) => NotebookFile.Load(path).View();

    /// <summary>Parses .ipynb JSON.</summary>
    /// <param name="json">The notebook text.</param>
    /// <param name="fileName">Its file name (used for the page name and in messages).</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="InvalidDataException">Not a notebook; the message names the file.</exception>
    public static Notebook Parse(string json, string fileName) => NotebookFile.Parse(json, fileName).View();
}
