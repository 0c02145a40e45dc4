using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookRunner;
using NotebookRunner.Translation;

namespace CrossEntropy.Notebooks.Tests.Translation;

/// <summary>
/// A two-notebook course with a complete Chinese translation, in a temporary repository: the smallest input on which
/// every generation rule and every drift finding shows.
/// </summary>
internal sealed class SyntheticEdition : IDisposable
{
    public const string Details = "## Details\n\nThe value is $x^2$ at 3 points.";

    private readonly TemporaryRepository repository = new();

    public SyntheticEdition()
    {
        SaveEnglish("01-a.ipynb",
            Cell("c1", Ipynb.Markdown("# 1. Alpha\n\nSee [the part](02-b.ipynb#2-the-part) and [the details](#details); [README](../README.md#top).")),
            Cell("c2", Ipynb.Tagged(Ipynb.Code(
                "CrossEntropy.Interactive.KernelSetup.Install(); // setup\nConsole.WriteLine(\"Hello, world\"); // greet"), "exercise")),
            Cell("c3", Ipynb.Markdown(Details)));
        SaveEnglish("02-b.ipynb", Cell("d1", Ipynb.Markdown("# 2. Beta\n\n## 2. The part\n\nText.")));
        Directory.CreateDirectory(TranslatedEdition.TranslationsDirectory(Layout, TranslatedEdition.Chinese));
        SaveTranslation("01-a.ipynb",
            Markdown(1, "# 1. 甲\n\n见[这一部分](02-b.ipynb#2-the-part)和[细节](#details)；[README](../README.md#top)。"),
            Code(2, ("// setup", "// 设置"), ("\"Hello, world\"", "\"你好，世界\"")),
            Markdown(3, "## 细节\n\n在 3 个点上值为 $x^2$。"));
        SaveTranslation("02-b.ipynb", Markdown(1, "# 2. 乙\n\n## 2. 这一部分\n\n正文。"));
    }

    public RepoLayout Layout => repository.Layout;

    /// <summary>Replaces an English cell's source (keeping its id and metadata).</summary>
    public void EditEnglish(string notebook, int cell, string source)
    {
        var english = NotebookFile.Load(Layout.CommittedPath(notebook));
        english.Cells[cell - 1]["source"] = Ipynb.Lines(source);
        english.Save(Layout.CommittedPath(notebook));
    }

    /// <summary>Changes one entry of a translation file.</summary>
    public void EditTranslation(string notebook, int cell, Action<JsonObject> edit)
    {
        var path = TranslationPath(notebook);
        var root = (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;
        edit((JsonObject)root["cells"]!.AsArray()[cell - 1]!);
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    /// <summary>The hash of an English cell's current source, as a translator records it.</summary>
    public string EnglishHash(string notebook, int cell) =>
        TranslationFile.HashOf(NotebookFile.Source(NotebookFile.Load(Layout.CommittedPath(notebook)).Cells[cell - 1]));

    public void Dispose() => repository.Dispose();

    private string TranslationPath(string notebook) => Path.Combine(TranslatedEdition.TranslationsDirectory(Layout, TranslatedEdition.Chinese),
        Path.GetFileNameWithoutExtension(notebook) + ".json");

    private void SaveEnglish(string name, params JsonObject[] cells) => repository.Add(name, Ipynb.Notebook(Ipynb.VsCodeMetadata(), cells));

    private void SaveTranslation(string notebook, params Func<NotebookFile, JsonObject>[] entries)
    {
        var english = NotebookFile.Load(Layout.CommittedPath(notebook));
        var root = new JsonObject
        {
            ["notebook"] = notebook,
            ["language"] = TranslatedEdition.Chinese,
            ["cells"] = new JsonArray(entries.Select(e => (JsonNode)e(english)).ToArray()),
        };
        File.WriteAllText(TranslationPath(notebook), root.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static Func<NotebookFile, JsonObject> Markdown(int cell, string zh) => english => new JsonObject
    {
        ["cell"] = cell, ["type"] = "markdown", ["en"] = TranslationFile.HashOf(NotebookFile.Source(english.Cells[cell - 1])), ["zh"] = zh,
    };

    private static Func<NotebookFile, JsonObject> Code(int cell, params (string En, string Zh)[] pairs) => english => new JsonObject
    {
        ["cell"] = cell, ["type"] = "code", ["en"] = TranslationFile.HashOf(NotebookFile.Source(english.Cells[cell - 1])),
        ["text"] = new JsonArray(pairs.Select(p => (JsonNode)new JsonArray(p.En, p.Zh)).ToArray()),
    };

    private static JsonObject Cell(string id, JsonObject cell)
    {
        cell["id"] = id;
        return cell;
    }
}
