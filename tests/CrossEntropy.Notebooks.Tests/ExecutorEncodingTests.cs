using System.Text;
using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>
/// dotnet-repl decodes its input notebook in 4,096-byte blocks: a multi-byte character across a block boundary came
/// back as U+FFFD, and the runner then reported the notebook's own markdown as changed. The executor gives it an
/// ASCII-only copy.
/// </summary>
public class ExecutorEncodingTests
{
    [Fact]
    public void Escaping_keeps_the_document_and_leaves_only_ascii()
    {
        const string json = "{\"source\": [\"交叉熵 − 𝔼 \\\"q\\\" é\\n\"]}";
        var escaped = Executor.EscapeNonAscii(json);
        Assert.All(escaped, c => Assert.True(c < 0x80, $"non-ASCII {c}"));
        Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(), System.Text.Json.Nodes.JsonNode.Parse(escaped)!.ToJsonString());
    }

    [Fact]
    public async Task A_character_across_a_4096_byte_boundary_survives_execution()
    {
        using var repo = new TemporaryRepository();
        const string name = "01-wide.ipynb";
        // Pad the markdown until the ideograph's three bytes start one byte before a 4,096-byte boundary of the file.
        string? path = null;
        for (var padding = 0; padding < 4096; padding++)
        {
            var text = new string('a', padding) + "指" + new string('b', 5000);
            path = repo.Add(name, Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown(text), Ipynb.Code("1 + 1")));
            var at = File.ReadAllBytes(path).AsSpan().IndexOf(Encoding.UTF8.GetBytes("指"));
            if ((at + 1) % 4096 == 0)
            {
                break;
            }
            path = null;
        }
        Assert.NotNull(path);
        await repo.RestoreToolsAsync();

        var result = await Executor.ExecuteInAsync(repo.Layout.NotebooksDirectory, name, repo.Layout.ExecutedPath(name));

        Assert.True(result.Executed is not null, string.Join("\n", result.Errors));
        var source = NotebookFile.Source(result.Executed!.Cells[0]);
        Assert.DoesNotContain('\uFFFD', source);
        Assert.Contains("a指b", source, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(repo.Layout.NotebooksDirectory, Executor.AsciiInputName(name))), "the ASCII copy is left behind");
    }
}
