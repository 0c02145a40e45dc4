using System.Text.Json.Nodes;
using NotebookModel;
using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>Builds small inline notebooks for the unit tests.</summary>
internal static class Ipynb
{
    public const string PlotlyGuid = "6baeb866-47c1-4877-83c3-cd23d3f71345";

    /// <summary>A VS Code Polyglot notebook: its metadata exactly as VS Code writes it.</summary>
    public static JsonObject VsCodeMetadata() => new()
    {
        ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
        ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            },
        },
    };

    /// <summary>dotnet-repl's rewrite of the same metadata (what must NOT end up committed).</summary>
    public static JsonObject DotnetReplMetadata() => new()
    {
        ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
        ["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["name"] = "C#", ["pygments_lexer"] = "csharp", ["version"] = "13.0",
        },
        ["polyglot_notebook"] = new JsonObject
        {
            ["defaultKernelName"] = "csharp",
            ["items"] = new JsonArray(new JsonObject { ["name"] = "csharp" }),
        },
    };

    public static JsonObject Markdown(string text) => NotebookJson.Markdown(text);

    public static JsonObject Code(string source, params JsonNode[] outputs) => NotebookJson.Code(source, outputs);

    /// <summary>Adds metadata tags to a cell and returns it.</summary>
    public static JsonObject Tagged(JsonObject cell, params string[] tags) => NotebookJson.Tagged(cell, tags);

    /// <summary>A code cell as dotnet-repl writes it: extra metadata, timestamps.</summary>
    public static JsonObject ExecutedCode(string source, double seconds, params JsonNode[] outputs)
    {
        var cell = Code(source, outputs);
        var start = new DateTimeOffset(2026, 11, 25, 11, 53, 20, TimeSpan.Zero);
        cell["metadata"] = new JsonObject
        {
            [ExecutionResult.StartKey] = start.ToString("O"),
            [ExecutionResult.EndKey] = start.AddSeconds(seconds).ToString("O"),
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        };
        return cell;
    }

    public static JsonObject Plain(string text) => Display(("text/plain", text));

    public static JsonObject Html(string html) => Display(("text/html", html));

    public static JsonObject Display(params (string Mime, string Text)[] parts) => NotebookJson.Display(parts);

    /// <summary>A check's output: its text line and its verdict as data, as ExerciseResult displays it.</summary>
    public static JsonObject Verdict(CheckState state, string text, string check = "Exercise 90.1") =>
        NotebookJson.Verdict(new CheckVerdict(check, state), text);

    public static JsonObject Stream(string text, string name = "stdout") => NotebookJson.Stream(text, name);

    public static JsonObject Error(string evalue) => NotebookJson.Error("Error", evalue, "");

    public static JsonObject InstallingPackages(int dots) =>
        Html("<div><div></div><div><strong>Installing Packages</strong><ul><li><span>MathNet.Numerics" + new string('.', dots) +
             "</span></li></ul></div><div></div></div>");

    public static JsonObject InstalledPackages() =>
        Html("<div><div></div><div></div><div><strong>Installed Packages</strong><ul><li><span>MathNet.Numerics, 5.0.0</span></li></ul></div></div>");

    /// <summary>The kernel's extension-loading line, with a path into a NuGet cache in <paramref name="home"/>.</summary>
    public static JsonObject LoadingExtensions(string home = "/root") =>
        Plain($"Loading extensions from `{home}/.nuget/packages/plotly.net.interactive/6.0.0/interactive-extensions/dotnet/Plotly.NET.Interactive.dll`");

    /// <summary>Plotly.NET's chart HTML, with its per-render random id.</summary>
    public static JsonObject PlotlyChart(string guid, string y = "[3.0,4.0]") => Html(
        $"<div><div id=\"{guid}\"><!-- Plotly chart will be drawn inside this DIV --></div><script type=\"text/javascript\">\n" +
        $"var renderPlotly_{guid.Replace("-", "", StringComparison.Ordinal)} = function() {{\n" +
        $"        var data = [{{\"type\":\"scatter\",\"mode\":\"lines\",\"x\":[1.0,2.0],\"y\":{y}}}];\n" +
        $"        Plotly.newPlot(document.getElementById('{guid}'), data, layout, config);\n" +
        $"}};\nrenderPlotly_{guid.Replace("-", "", StringComparison.Ordinal)}();\n</script></div>");

    public static NotebookFile Notebook(JsonObject metadata, params JsonObject[] cells) =>
        NotebookJson.Notebook(metadata, cells, "test.ipynb");

    /// <summary>Splits text into ipynb's list-of-lines form (each line keeps its newline).</summary>
    public static JsonArray Lines(string text) => NotebookJson.Lines(text);
}
