using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookRunner.Configuration;

/// <summary>
/// What the toolkit needs to know about one repository of C# notebooks, read from its
/// <see cref="RelativePath"/> (<c>.config/notebooks.json</c>); every key is optional and the command line overrides
/// the file. Paths are relative to the repository root (the folder holding <c>.config/</c>).
/// </summary>
/// <remarks>
/// Keys: <c>notebooks</c> (a <see cref="NotebookGlob"/>), <c>executed</c>, <c>artifacts</c>, <c>build</c> (projects
/// built in Release before executing), <c>masks</c> (<c>[{"pattern", "replacement"}]</c>), <c>maskChartNumbers</c>,
/// <c>exerciseTag</c>, <c>solutionTag</c>, <c>machineDependentTag</c>, <c>beginSolution</c>, <c>endSolution</c>, <c>runTimesNotebook</c>, <c>site</c> (<c>title</c>, <c>titles</c>, <c>readme</c>, <c>katex</c>) and
/// <c>export</c> (<c>directory</c>, <c>runtimeProject</c>, <c>kernelOnlyCalls</c>). A wrong key or value stops the
/// tool with one line naming the file and the key (<see cref="ConfigException"/>).
/// </remarks>
public sealed record NotebookConfig
{
    /// <summary>Where the file sits, relative to the repository root; it also marks the root.</summary>
    public static readonly string RelativePath = Path.Combine(".config", "notebooks.json");

    /// <summary>The notebooks: one folder and a file-name pattern (default <c>notebooks/*.ipynb</c>).</summary>
    public NotebookGlob Notebooks { get; init; } = NotebookGlob.Parse("notebooks/*.ipynb");

    /// <summary>Where executed copies go (default: <c>executed/</c> inside the notebooks' folder).</summary>
    public string? Executed { get; init; }

    /// <summary>Where the site, the student edition, the run times and the report go (default <c>artifacts</c>).</summary>
    public string Artifacts { get; init; } = "artifacts";

    /// <summary>Projects built with <c>dotnet build -c Release</c> before executing (the dlls the notebooks load with <c>#r</c>).</summary>
    public IReadOnlyList<string> Build { get; init; } = [];

    /// <summary>The repository's own masks for volatile output, applied after the built-in ones.</summary>
    public IReadOnlyList<OutputMask> Masks { get; init; } = [];

    /// <summary>Whether the numbers inside a Plotly chart's data are masked when outputs are compared (default true:
    /// their last bits may depend on the processor).</summary>
    public bool MaskChartNumbers { get; init; } = true;

    /// <summary>The cell tags and solution markers (keys <c>exerciseTag</c>, <c>solutionTag</c>, <c>machineDependentTag</c>
    /// — the tag whose outputs run but are not compared —, <c>beginSolution</c>, <c>endSolution</c>); the course's by default.</summary>
    public NotebookConventions Conventions { get; init; } = NotebookConventions.Default;

    /// <summary>The notebook that shows the recorded run times, executed after the others; null (the default) means
    /// every notebook whose text names <c>run-times.json</c>.</summary>
    public string? RunTimesNotebook { get; init; }

    /// <summary>The site's name, in every page's header and title (default: the repository folder's name).</summary>
    public string? SiteTitle { get; init; }

    /// <summary>The site's name in each translated edition (key <c>site.titles</c>: <c>{"zh-CN": "…"}</c>); an edition
    /// without one is headed with <see cref="SiteTitle"/>.</summary>
    public IReadOnlyDictionary<string, string> SiteTitles { get; init; } = new Dictionary<string, string>();

    /// <summary>The Markdown file rendered as <c>readme.html</c> (default <c>README.md</c> when it exists).</summary>
    public string SiteReadme { get; init; } = "README.md";

    /// <summary>A folder holding the site's KaTeX set-up (package.json, package-lock.json, tools/render-math.cjs);
    /// null (the default) uses the copy shipped with the tool.</summary>
    public string? SiteKatex { get; init; }

    /// <summary>Where the kernel-free apps are written (default: <c>apps/</c> inside the notebooks' folder).</summary>
    public string? ExportDirectory { get; init; }

    /// <summary>The project the exported apps reference for <c>Display.Show</c> and their cell markers
    /// (default <c>lib/NotebookApp/NotebookApp.csproj</c>).</summary>
    public string ExportRuntimeProject { get; init; } = Path.Combine("lib", "NotebookApp", "NotebookApp.csproj");

    /// <summary>Calls that only prepare the kernel, kept as comments in the exported apps (matched by the end of the called name).</summary>
    public IReadOnlyList<string> ExportKernelOnlyCalls { get; init; } = [];

    /// <summary>Reads and validates a configuration file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The configuration; keys the file leaves out keep their defaults.</returns>
    /// <exception cref="ConfigException">The file cannot be read, is not JSON, or a key is unknown or has a wrong value.</exception>
    public static NotebookConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot be read: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses and validates a configuration's JSON text.</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="ConfigException">Not JSON, or a key is unknown or has a wrong value.</exception>
    public static NotebookConfig Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{source}: not valid JSON: line {e.LineNumber + 1}, {FirstSentence(e.Message)}", e);
        }
        var reader = new ConfigReader(source);
        var root = reader.Object(node, "");
        var site = reader.Object(root["site"], "site");
        var export = reader.Object(root["export"], "export");
        reader.OnlyKeys(root, "", "notebooks", "executed", "artifacts", "build", "masks", "maskChartNumbers",
            "exerciseTag", "solutionTag", "machineDependentTag", "beginSolution", "endSolution", "runTimesNotebook", "site", "export");
        reader.OnlyKeys(site, "site.", "title", "titles", "readme", "katex");
        var titles = reader.Object(site["titles"], "site.titles");
        reader.OnlyKeys(export, "export.", "directory", "runtimeProject", "kernelOnlyCalls");

        var defaults = new NotebookConfig();
        return new NotebookConfig
        {
            Notebooks = reader.Glob(root, "notebooks") ?? defaults.Notebooks,
            Executed = reader.Path(root, "executed", ""),
            Artifacts = reader.Path(root, "artifacts", "") ?? defaults.Artifacts,
            Build = reader.Strings(root, "build", "") ?? defaults.Build,
            Masks = reader.Masks(root) ?? defaults.Masks,
            MaskChartNumbers = reader.Boolean(root, "maskChartNumbers", "") ?? defaults.MaskChartNumbers,
            Conventions = new NotebookConventions
            {
                ExerciseTag = reader.Text(root, "exerciseTag", "") ?? defaults.Conventions.ExerciseTag,
                SolutionTag = reader.Text(root, "solutionTag", "") ?? defaults.Conventions.SolutionTag,
                MachineDependentTag = reader.Text(root, "machineDependentTag", "") ?? defaults.Conventions.MachineDependentTag,
                BeginSolution = reader.Text(root, "beginSolution", "") ?? defaults.Conventions.BeginSolution,
                EndSolution = reader.Text(root, "endSolution", "") ?? defaults.Conventions.EndSolution,
            },
            RunTimesNotebook = reader.Text(root, "runTimesNotebook", ""),
            SiteTitle = reader.Text(site, "title", "site."),
            SiteTitles = titles.ToDictionary(t => t.Key, t => reader.Text(titles, t.Key, "site.titles.")!, StringComparer.OrdinalIgnoreCase),
            SiteReadme = reader.Path(site, "readme", "site.") ?? defaults.SiteReadme,
            SiteKatex = reader.Path(site, "katex", "site."),
            ExportDirectory = reader.Path(export, "directory", "export."),
            ExportRuntimeProject = reader.Path(export, "runtimeProject", "export.") ?? defaults.ExportRuntimeProject,
            ExportKernelOnlyCalls = reader.Strings(export, "kernelOnlyCalls", "export.") ?? defaults.ExportKernelOnlyCalls,
        };
    }

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.');

    /// <summary>Reads typed values out of the JSON, naming the key in every error.</summary>
    private sealed class ConfigReader(string source)
    {
        public JsonObject Object(JsonNode? node, string key) => node switch
        {
            null => [],
            JsonObject o => o,
            _ => throw Wrong(key.Length == 0 ? "the file" : Quote(key), "an object", node),
        };

        public void OnlyKeys(JsonObject o, string prefix, params string[] known)
        {
            foreach (var (key, _) in o)
            {
                if (!known.Contains(key, StringComparer.Ordinal))
                {
                    throw new ConfigException(
                        $"{source}: unknown key {Quote(prefix + key)}; the keys here are {string.Join(", ", known.Select(k => prefix + k))}");
                }
            }
        }

        public string? Text(JsonObject o, string key, string prefix) => o[key] switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out string? s) && s.Trim().Length > 0 => s,
            var other => throw Wrong(Quote(prefix + key), "a non-empty string", other),
        };

        public string? Path(JsonObject o, string key, string prefix)
        {
            var text = Text(o, key, prefix);
            if (text is not null && System.IO.Path.IsPathRooted(text))
            {
                throw new ConfigException($"{source}: {Quote(prefix + key)} must be relative to the repository root, not '{text}'");
            }
            return text;
        }

        public bool? Boolean(JsonObject o, string key, string prefix) => o[key] switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out bool b) => b,
            var other => throw Wrong(Quote(prefix + key), "true or false", other),
        };

        public NotebookGlob? Glob(JsonObject o, string key)
        {
            var text = Text(o, key, "");
            try
            {
                return text is null ? null : NotebookGlob.Parse(text);
            }
            catch (FormatException e)
            {
                throw new ConfigException($"{source}: {Quote(key)}: {e.Message}", e);
            }
        }

        public string[]? Strings(JsonObject o, string key, string prefix)
        {
            if (o[key] is null)
            {
                return null;
            }
            var array = o[key] as JsonArray ?? throw Wrong(Quote(prefix + key), "an array of strings", o[key]);
            return array.Select((item, i) => item is JsonValue v && v.TryGetValue(out string? s) && s.Trim().Length > 0
                ? s
                : throw Wrong($"{Quote(prefix + key)}[{i}]", "a non-empty string", item)).ToArray();
        }

        public OutputMask[]? Masks(JsonObject o)
        {
            if (o["masks"] is null)
            {
                return null;
            }
            var array = o["masks"] as JsonArray ?? throw Wrong(Quote("masks"), "an array of {\"pattern\", \"replacement\"} objects", o["masks"]);
            return array.Select((item, i) =>
            {
                var key = $"masks[{i}]";
                var mask = Object(item, key);
                OnlyKeys(mask, key + ".", "pattern", "replacement");
                var pattern = Text(mask, "pattern", key + ".") ?? throw new ConfigException($"{source}: {Quote(key + ".pattern")} is missing");
                var replacement = mask["replacement"] switch
                {
                    JsonValue v when v.TryGetValue(out string? s) => s,
                    var other => throw Wrong(Quote(key + ".replacement"), "a string", other),
                };
                try
                {
                    OutputMask.Compile(pattern);
                }
                catch (ArgumentException e)
                {
                    throw new ConfigException($"{source}: {Quote(key + ".pattern")} is not a valid regular expression: {e.Message}", e);
                }
                return new OutputMask(pattern, replacement);
            }).ToArray();
        }

        private ConfigException Wrong(string what, string expected, JsonNode? actual) =>
            new($"{source}: {what} must be {expected}, not {actual?.ToJsonString() ?? "null"}");

        private static string Quote(string key) => $"\"{key}\"";
    }
}
