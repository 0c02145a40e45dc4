namespace NotebookModel.Tests;

public class KernelNoiseTests
{
    private static CellOutput Display(string mime, string text) => CellOutput.From(NotebookJson.Display((mime, text)));

    [Theory]
    [InlineData("text/html", "<div><strong>Installing Packages</strong><ul><li><span>MathNet.Numerics...</span></li></ul></div>")]
    [InlineData("text/html", "<div><div></div><div><strong>Installed Packages</strong><ul><li><span>MathNet.Numerics, 5.0.0</span></li></ul></div></div>")]
    [InlineData("text/plain", "Loading extensions from `/root/.nuget/packages/plotly.net.interactive/6.0.0/x.dll`")]
    public void The_kernels_install_and_loading_messages_are_noise(string mime, string text) =>
        Assert.True(KernelNoise.IsNoise(Display(mime, text)));

    [Fact]
    public void Course_output_and_errors_are_not_noise()
    {
        Assert.False(KernelNoise.IsNoise(Display("text/plain", "H(p) = 1 bit")));
        Assert.False(KernelNoise.IsNoise(Display("text/html", "<p>Installed Packages in this course: none</p>")));
        Assert.False(KernelNoise.IsNoise(CellOutput.From(NotebookJson.Stream("Loading extensions is the kernel's job\n", "stdout"))));
        Assert.False(KernelNoise.IsNoise(CellOutput.From(NotebookJson.Error("Error", "Loading extensions from `x.dll` failed", ""))));
    }

    [Theory]
    [InlineData("Loading extensions from `/root/.nuget/packages/p/6.0.0/x.dll`", "/root/", ".nuget/packages")]
    [InlineData("wrote /home/ci/work/out.csv", "/home/")]
    [InlineData("see /Users/ana/Documents/x and /tmp/notebook-site-1/x", "/Users/", "/tmp/")]
    [InlineData(@"C:\Users\ana\repo", @"C:\Users\")]
    [InlineData(@"""C:\\Users\\ana\\repo""", @"C:\\Users\\")] // as a JSON string writes it
    [InlineData(@"D:\cache\.nuget\packages\markdig", @".nuget\packages")]
    [InlineData(@"""D:\\cache\\.nuget\\packages""", @".nuget\\packages")]
    public void A_home_temporary_or_user_folder_or_a_package_cache_is_a_machine_path(string text, params string[] found) =>
        Assert.Equal(found, KernelNoise.MachinePaths(text));

    [Fact]
    public void A_path_is_reported_with_the_context_asked_for() =>
        Assert.Equal(["ote /home/ci/x"], KernelNoise.MachinePaths("wrote /home/ci/x", 4));

    [Theory]
    [InlineData("#r \"../lib/CrossEntropy.Numerics/bin/Release/net10.0/CrossEntropy.Numerics.dll\"")]
    [InlineData("notebooks/01-entropy.ipynb and ~/.nuget is where NuGet keeps packages")]
    [InlineData("https://github.com/dotnet/interactive/issues/4163")]
    [InlineData("artifacts/root/file, ~/tmp/x and lib/home.cs")]
    public void Relative_paths_and_urls_are_not(string text) => Assert.Empty(KernelNoise.MachinePaths(text));
}
