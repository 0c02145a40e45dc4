using System.Text.Json.Nodes;
using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

public class OutputNormalizerTests
{
    private readonly OutputNormalizer normalizer = new("/work/repo");

    [Fact]
    public void Plotly_ids_are_ignored()
    {
        var a = new JsonArray(Ipynb.PlotlyChart(Ipynb.PlotlyGuid));
        var b = new JsonArray(Ipynb.PlotlyChart("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"));
        Assert.True(normalizer.AreEquivalent(a, b));
        var text = OutputNormalizer.Join(normalizer.Normalize(a));
        Assert.DoesNotContain(Ipynb.PlotlyGuid, text, StringComparison.Ordinal);
        Assert.DoesNotContain("6baeb86647c1487783c3cd23d3f71345", text, StringComparison.Ordinal);
        Assert.Contains("renderPlotly_<id>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_numbers_are_masked_because_their_last_bits_depend_on_the_processor()
    {
        var a = new JsonArray(Ipynb.PlotlyChart(Ipynb.PlotlyGuid, y: "[3.0,4.0]"));
        var b = new JsonArray(Ipynb.PlotlyChart("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", y: "[3.0,4.000000000000001]"));
        Assert.True(normalizer.AreEquivalent(a, b));
        Assert.Contains("\"y\":[\"<n>\",\"<n>\"]", OutputNormalizer.Join(normalizer.Normalize(a)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_with_another_number_of_points_or_another_trace_type_still_differs()
    {
        var a = new JsonArray(Ipynb.PlotlyChart(Ipynb.PlotlyGuid, y: "[3.0,4.0]"));
        var morePoints = new JsonArray(Ipynb.PlotlyChart(Ipynb.PlotlyGuid, y: "[3.0,4.0,5.0]"));
        var text = new JsonArray(Ipynb.PlotlyChart(Ipynb.PlotlyGuid, y: "[\"a\",\"b\"]"));
        Assert.False(normalizer.AreEquivalent(a, morePoints));
        Assert.False(normalizer.AreEquivalent(a, text));
    }

    [Theory]
    [InlineData("[1, {\"a\": 2.5, \"b\": \"x1\"}]", "[\"<n>\",{\"a\":\"<n>\",\"b\":\"x1\"}]")]
    [InlineData("not json [", "not json [")]
    public void MaskNumbers_keeps_structure_and_strings(string json, string expected) =>
        Assert.Equal(expected, OutputNormalizer.MaskNumbers(json));

    [Theory]
    [InlineData("0.5987", "0.5988")]
    [InlineData("0.7130152524", "0.7130152525")]
    [InlineData("1", "-1")]
    public void A_changed_number_is_detected(string before, string after)
    {
        Assert.False(normalizer.AreEquivalent(
            new JsonArray(Ipynb.Plain($"H(p,q) = {before} nats")),
            new JsonArray(Ipynb.Plain($"H(p,q) = {after} nats"))));
    }

    [Fact]
    public void The_kernels_own_messages_are_left_out_of_the_comparison_and_nothing_else_is()
    {
        Assert.True(KernelNoise.IsNoise(Ipynb.InstallingPackages(3)));
        Assert.True(KernelNoise.IsNoise(Ipynb.InstalledPackages()));
        Assert.True(KernelNoise.IsNoise(Ipynb.LoadingExtensions()));
        Assert.False(KernelNoise.IsNoise(Ipynb.Plain("Loaded 3 extensions")));
        Assert.False(KernelNoise.IsNoise(Ipynb.Error("Loading extensions from `/root/.nuget/packages/x.dll` failed")));
        var committed = new JsonArray(Ipynb.Stream("kept\n"));
        var executed = new JsonArray(Ipynb.InstallingPackages(0), Ipynb.InstallingPackages(1), Ipynb.InstalledPackages(),
            Ipynb.LoadingExtensions(), Ipynb.Stream("kept\n"));
        Assert.True(normalizer.AreEquivalent(committed, executed));
        Assert.True(normalizer.AreEquivalent(new JsonArray(Ipynb.InstalledPackages(), Ipynb.Stream("kept\n")), executed));
        Assert.Single(normalizer.Normalize(executed));
        Assert.False(normalizer.AreEquivalent(new JsonArray(), executed));
    }

    [Fact]
    public void NuGet_and_repository_paths_are_masked()
    {
        var a = new JsonArray(Ipynb.Plain("read `/root/.nuget/packages/plotly.net.interactive/6.0.0/x.dll`"),
            Ipynb.Stream("wrote /work/repo/notebooks/out.csv\n"));
        var b = new JsonArray(Ipynb.Plain("read `/home/ci/.nuget/packages/plotly.net.interactive/6.0.0/x.dll`"),
            Ipynb.Stream("wrote <repo>/notebooks/out.csv\n"));
        Assert.True(normalizer.AreEquivalent(a, b));
        Assert.Contains("<nuget>/plotly.net.interactive", OutputNormalizer.Join(normalizer.Normalize(a)), StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamps_durations_and_line_endings_are_masked()
    {
        Assert.Equal("ran at <time> in <duration>\nok",
            normalizer.NormalizeText("ran at 2026-11-25T11:53:20.1751566+00:00 in 00:00:01.2345678\r\nok"));
    }

    [Fact]
    public void Text_html_json_and_stream_text_are_compared_and_images_are_not()
    {
        var a = new JsonArray(Ipynb.Display(("text/plain", "x"), ("image/png", "iVBOR1")));
        var b = new JsonArray(Ipynb.Display(("text/plain", "x"), ("image/png", "iVBOR2")));
        Assert.True(normalizer.AreEquivalent(a, b));
        // application/json carries a check's verdict: the same text with another verdict is a difference.
        Assert.False(normalizer.AreEquivalent(
            new JsonArray(Ipynb.Verdict(CheckState.Solved, "Exercise 1.1")),
            new JsonArray(Ipynb.Verdict(CheckState.Incorrect, "Exercise 1.1"))));
        Assert.False(normalizer.AreEquivalent(new JsonArray(Ipynb.Stream("a\n")), new JsonArray(Ipynb.Stream("b\n"))));
    }

    [Fact]
    public void An_output_missing_or_added_is_a_difference()
    {
        Assert.False(normalizer.AreEquivalent(new JsonArray(Ipynb.Plain("x")), new JsonArray(Ipynb.Plain("x"), Ipynb.Plain("x"))));
        Assert.False(normalizer.AreEquivalent(new JsonArray(), new JsonArray(Ipynb.Error("boom"))));
    }
}
