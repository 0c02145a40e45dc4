using System.Text.Json.Nodes;
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

    public static JsonObject Markdown(string text) => new()
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new JsonObject(),
        ["source"] = Lines(text),
    };

    public static JsonObject Code(string source, params JsonNode[] outputs) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
        ["outputs"] = new JsonArray(outputs),
        ["source"] = Lines(source),
    };

    /// <summary>Adds metadata tags to a cell and returns it.</summary>
    public static JsonObject Tagged(JsonObject cell, params string[] tags)
    {
        ((JsonObject)cell["metadata"]!)["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray());
        return cell;
    }

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

    public static JsonObject Display(params (string Mime, string Text)[] parts)
    {
        var data = new JsonObject();
        foreach (var (mime, text) in parts)
        {
            data[mime] = Lines(text);
        }
        return new JsonObject { ["data"] = data, ["metadata"] = new JsonObject(), ["output_type"] = "display_data" };
    }

    public static JsonObject Stream(string text, string name = "stdout") =>
        new() { ["name"] = name, ["output_type"] = "stream", ["text"] = Lines(text) };

    public static JsonObject Error(string evalue) =>
        new() { ["ename"] = "Error", ["evalue"] = evalue, ["output_type"] = "error", ["traceback"] = new JsonArray("") };

    public static JsonObject InstallingPackages(int dots) =>
        Html("<div><div></div><div><strong>Installing Packages</strong><ul><li><span>MathNet.Numerics" + new string('.', dots) +
             "</span></li></ul></div><div></div></div>");

    public static JsonObject InstalledPackages() =>
        Html("<div><div></div><div></div><div><strong>Installed Packages</strong><ul><li><span>MathNet.Numerics, 5.0.0</span></li></ul></div></div>");

    /// <summary>Plotly.NET's chart HTML, with its per-render random id.</summary>
    public static JsonObject PlotlyChart(string guid, string y = "[3.0,4.0]") => Html(
        $"<div><div id=\"{guid}\"><!-- Plotly chart will be drawn inside this DIV --></div><script type=\"text/javascript\">\n" +
        $"var renderPlotly_{guid.Replace("-", "", StringComparison.Ordinal)} = function() {{\n" +
        $"        var data = [{{\"type\":\"scatter\",\"mode\":\"lines\",\"x\":[1.0,2.0],\"y\":{y}}}];\n" +
        $"        Plotly.newPlot(document.getElementById('{guid}'), data, layout, config);\n" +
        $"}};\nrenderPlotly_{guid.Replace("-", "", StringComparison.Ordinal)}();\n</script></div>");

    public static NotebookFile Notebook(JsonObject metadata, params JsonObject[] cells) => new(new JsonObject
    {
        ["cells"] = new JsonArray(cells),
        ["metadata"] = metadata,
        ["nbformat"] = 4,
        ["nbformat_minor"] = 2,
    }, "test.ipynb");

    /// <summary>Splits text into ipynb's list-of-lines form (each line keeps its newline).</summary>
    public static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                array.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < text.Length)
        {
            array.Add(text[start..]);
        }
        return array;
    }
}
