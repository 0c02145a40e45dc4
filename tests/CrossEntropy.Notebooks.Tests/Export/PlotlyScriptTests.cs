using NotebookApp;

namespace CrossEntropy.Notebooks.Tests.Export;

/// <summary>plotly.js written beside the chart pages: by several writers at once (two apps drawing charts into one
/// folder), it is written whole, with no error and no temporary file left.</summary>
[Trait(KernelFree.Trait, KernelFree.Unit)]
public sealed class PlotlyScriptTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("plotly-script-test-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Writers_at_once_all_succeed_and_leave_one_whole_copy()
    {
        var path = Path.Combine(folder, PlotlyScript.FileName);
        File.WriteAllText(path, "a stale or torn copy");
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => PlotlyScript.Write(path));

        using var resource = typeof(Plotly.NET.GenericChart).Assembly.GetManifestResourceStream($"Plotly.NET.{PlotlyScript.FileName}")!;
        using var expected = new MemoryStream();
        resource.CopyTo(expected);
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
        Assert.True(File.Exists(path + ".LICENSE.txt"));
        Assert.Equal([PlotlyScript.FileName, PlotlyScript.FileName + ".LICENSE.txt"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
