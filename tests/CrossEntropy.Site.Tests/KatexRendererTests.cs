using System.Diagnostics;
using NotebookSite;

namespace CrossEntropy.Site.Tests;

/// <summary>The math renderer installs nothing while rendering, and its node process can be stopped.</summary>
public sealed class KatexRendererTests : IDisposable
{
    private readonly string project = Directory.CreateTempSubdirectory("katex-project-").FullName;

    public void Dispose() => Directory.Delete(project, true);

    [Fact]
    public void Rendering_without_KaTeX_fails_with_the_command_and_installs_nothing()
    {
        var renderer = new KatexRenderer(project);
        var e = Assert.Throws<InvalidOperationException>(() => renderer.Render([new Formula("x", false)]));
        Assert.Contains("npm ci --prefix", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project, "node_modules")), "rendering ran npm");
    }

    [Fact]
    public void A_node_process_that_never_ends_is_stopped_at_the_timeout()
    {
        var renderer = HangingRenderer(TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<InvalidOperationException>(() => renderer.Render([new Formula("x", false)]));
        Assert.Contains("did not finish within 2 s", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        AssertNoHangingNode();
    }

    [Fact]
    public void Cancelling_stops_the_node_process()
    {
        var renderer = HangingRenderer(TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        Assert.ThrowsAny<OperationCanceledException>(() => renderer.Render([new Formula("x", false)], cancel.Token));
        AssertNoHangingNode();
    }

    /// <summary>A project whose KaTeX looks installed and whose render script never answers.</summary>
    private KatexRenderer HangingRenderer(TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.Combine(project, "node_modules", "katex", "dist"));
        File.WriteAllText(Path.Combine(project, "node_modules", "katex", "dist", "katex.min.css"), "");
        Directory.CreateDirectory(Path.Combine(project, "tools"));
        File.WriteAllText(Path.Combine(project, "tools", "render-math.cjs"), $"// {project}\nsetInterval(() => {{}}, 1000);\n");
        return new KatexRenderer(project, timeout);
    }

    /// <summary>No node process still runs this test's script.</summary>
    private void AssertNoHangingNode()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc is Linux's
        }
        var script = Path.Combine(project, "tools", "render-math.cjs");
        var left = Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "cmdline")).Where(File.Exists)
            .Select(f => { try { return File.ReadAllText(f); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Count(c => c.Contains(script, StringComparison.Ordinal));
        Assert.Equal(0, left);
    }
}
