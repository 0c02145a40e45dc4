using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookRunner;

/// <summary>
/// Turns cell outputs into comparable text, masking only what changes from run to run or machine to
/// machine: element ids / GUIDs (plotly divs), timestamps and durations, absolute paths, line endings, and the
/// numbers inside a plotly chart's data (its traces, names and array lengths are still compared). The kernel's own
/// messages (<see cref="KernelNoise"/>) are not compared at all.
/// </summary>
/// <remarks>
/// Chart numbers are masked because their last bits depend on the processor: TensorPrimitives sums in 128-, 256-
/// or 512-bit lanes, whichever the machine has, and a chart of rounding errors (notebook 4) plots exactly that noise.
/// The numbers a notebook states are printed by cells with a stated precision, and those are compared in full.
/// </remarks>
public sealed partial class OutputNormalizer
{
    /// <summary>
    /// The MIME types compared; the others (images) are not looked at. application/json carries a check's verdict as
    /// data, so a changed verdict is a difference even where its text did not change.
    /// </summary>
    public static readonly IReadOnlyList<string> ComparedMimeTypes = ["text/plain", "text/html", "application/json"];

    // Keeps "<n>" and non-ASCII trace names readable in a diff instead of \u-escaping them.
    private static readonly System.Text.Json.JsonSerializerOptions ReadableJson =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IReadOnlyList<(string Path, string Mask)> paths;

    private readonly bool maskChartNumbers;

    private readonly IReadOnlyList<Configuration.OutputMask> masks;

    /// <summary>Creates a normalizer.</summary>
    /// <param name="repoRoot">The repository root, masked as <c>&lt;repo&gt;</c> wherever it appears.</param>
    /// <param name="maskChartNumbers">
    /// Whether the numbers in a chart's data are masked: true to compare with committed outputs (their last bits
    /// depend on the processor); false for a refresh, which must take a chart whose numbers changed rather than keep
    /// the old one next to a new table.
    /// </param>
    /// <param name="masks">The repository's own masks (<c>masks</c> in <c>.config/notebooks.json</c>), applied after the built-in ones.</param>
    public OutputNormalizer(string? repoRoot = null, bool maskChartNumbers = true, IReadOnlyList<Configuration.OutputMask>? masks = null)
    {
        this.maskChartNumbers = maskChartNumbers;
        this.masks = masks ?? [];
        var list = new List<(string, string)>();
        if (!string.IsNullOrEmpty(repoRoot))
        {
            list.Add((Path.TrimEndingDirectorySeparator(Path.GetFullPath(repoRoot)), "<repo>"));
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home) && home.Length > 1)
        {
            list.Add((Path.TrimEndingDirectorySeparator(home), "~"));
        }
        // Longest first, so the repo root wins over a home folder that contains it.
        paths = list.OrderByDescending(p => p.Item1.Length).ToArray();
    }

    /// <summary>
    /// The comparable form of a cell's outputs: one block per compared part of each output that is not
    /// <see cref="KernelNoise"/> (left out on both sides, so a committed notebook without it matches an executed copy with it),
    /// each starting with a header line such as <c>[2] display_data text/html</c>.
    /// </summary>
    /// <param name="outputs">A cell's <c>outputs</c> array.</param>
    /// <returns>The normalized blocks, in output order.</returns>
    public IReadOnlyList<string> Normalize(JsonArray outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return Normalize(outputs.OfType<JsonObject>().Select(CellOutput.From).ToArray());
    }

    /// <summary>The comparable form of a cell's outputs (see the other overload).</summary>
    /// <param name="outputs">A cell's outputs.</param>
    /// <returns>The normalized blocks, in output order.</returns>
    public IReadOnlyList<string> Normalize(IReadOnlyList<CellOutput> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var blocks = new List<string>();
        var index = 0;
        foreach (var output in outputs.Where(o => !KernelNoise.IsNoise(o)))
        {
            index++;
            switch (output.Type)
            {
                case "stream":
                    blocks.Add($"[{index}] stream {output.StreamName}\n{NormalizeText(output.Text)}");
                    break;
                case "error":
                    blocks.Add($"[{index}] error {output.ErrorName}\n{NormalizeText(output.ErrorValue ?? "")}");
                    break;
                default:
                    var type = output.Type.Length > 0 ? output.Type : "?";
                    var compared = ComparedMimeTypes.Where(output.Data.ContainsKey).ToArray();
                    blocks.AddRange(compared.Select(mime => $"[{index}] {type} {mime}\n{NormalizeText(output.Data[mime])}"));
                    if (compared.Length == 0)
                    {
                        // Keep the output's existence visible even when none of its MIME types is compared.
                        blocks.Add($"[{index}] {type} ({string.Join(", ", output.Data.Keys)})");
                    }
                    break;
            }
        }
        return blocks;
    }

    /// <summary>Masks the volatile parts of one output text.</summary>
    /// <param name="text">The raw text.</param>
    /// <returns>The text with ids, times and paths masked and line endings as <c>\n</c>.</returns>
    public string NormalizeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        s = NuGetRoot().Replace(s, "<nuget>/");
        foreach (var (path, mask) in paths)
        {
            s = s.Replace(path, mask, StringComparison.Ordinal);
        }
        if (maskChartNumbers)
        {
            s = PlotlyOutput.RewriteData(s, MaskNumbers);
        }
        s = Guid().Replace(s, "<id>");
        s = Hex32().Replace(s, "<id>"); // plotly's renderPlotly_<guid without dashes>
        s = IsoTimestamp().Replace(s, "<time>");
        s = TimeSpanText().Replace(s, "<duration>");
        return masks.Aggregate(s, (text, mask) => mask.Apply(text));
    }

    /// <summary>Replaces every number in a JSON text with <c>"&lt;n&gt;"</c>, keeping its structure; non-JSON text is returned unchanged.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The masked JSON.</returns>
    public static string MaskNumbers(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
        return Mask(node)?.ToJsonString(ReadableJson) ?? json;

        static JsonNode? Mask(JsonNode? n) => n switch
        {
            JsonArray a => new JsonArray(a.Select(Mask).ToArray()),
            JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Mask(p.Value)))),
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => JsonValue.Create("<n>"),
            _ => n?.DeepClone(),
        };
    }

    /// <summary>Whether two output arrays are equal after normalization.</summary>
    /// <param name="expected">The committed outputs.</param>
    /// <param name="actual">The executed outputs.</param>
    /// <returns>True when equal.</returns>
    public bool AreEquivalent(JsonArray expected, JsonArray actual) =>
        Normalize(expected).SequenceEqual(Normalize(actual), StringComparer.Ordinal);

    /// <summary>Joins normalized blocks into one text (handy in test messages).</summary>
    /// <param name="blocks">Blocks from <see cref="Normalize(IReadOnlyList{CellOutput})"/>.</param>
    /// <returns>The text.</returns>
    public static string Join(IEnumerable<string> blocks) =>
        new StringBuilder().AppendJoin("\n", blocks).ToString();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"(?<![0-9a-fA-F])[0-9a-f]{32}(?![0-9a-fA-F])")]
    private static partial Regex Hex32();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex IsoTimestamp();

    // A .NET TimeSpan/Stopwatch rendering such as 00:00:01.2345678.
    [GeneratedRegex(@"\b\d{1,2}:\d{2}:\d{2}\.\d{1,7}\b")]
    private static partial Regex TimeSpanText();

    // Any NuGet package folder (…/.nuget/packages/), whoever's home it is in.
    [GeneratedRegex(@"(?:[A-Za-z]:)?[^\s`'""<>]*?[\\/]\.nuget[\\/]packages[\\/]")]
    private static partial Regex NuGetRoot();
}
