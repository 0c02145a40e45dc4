using System.Diagnostics;
using System.Text.Json;

namespace NotebookSite;

/// <summary>A TeX formula and whether it is displayed on its own line.</summary>
/// <param name="Tex">The TeX source, without delimiters.</param>
/// <param name="Display">True for <c>$$…$$</c>, false for <c>$…$</c>.</param>
public readonly record struct Formula(string Tex, bool Display);

/// <summary>
/// Renders TeX to HTML ahead of time with node and the KaTeX version pinned in this project's package-lock.json
/// (<c>tools/render-math.cjs</c>), so that a page needs only KaTeX's CSS and fonts when viewed, and no script.
/// Runs <c>npm ci</c> first when KaTeX is not installed.
/// </summary>
/// <param name="projectDirectory">The folder holding package.json, package-lock.json and tools/ (lib/NotebookSite).</param>
public sealed class KatexRenderer(string projectDirectory)
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The folder holding package.json and node_modules.</summary>
    public string ProjectDirectory { get; } = Path.GetFullPath(projectDirectory);

    /// <summary>KaTeX's distribution folder (katex.min.css and fonts/).</summary>
    public string DistDirectory => Path.Combine(ProjectDirectory, "node_modules", "katex", "dist");

    /// <summary>Installs the pinned KaTeX with <c>npm ci</c> unless it is already there.</summary>
    /// <exception cref="InvalidOperationException">npm is missing or failed; the message says what to do.</exception>
    public void EnsureInstalled()
    {
        InstallGate.Wait();
        try
        {
            if (File.Exists(Path.Combine(DistDirectory, "katex.min.css")))
            {
                return;
            }
            var (code, stdout, stderr) = Run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], null);
            if (code != 0 || !File.Exists(Path.Combine(DistDirectory, "katex.min.css")))
            {
                throw new InvalidOperationException(
                    $"`npm ci` in {ProjectDirectory} failed (exit code {code}); KaTeX is needed to render the math.\n{stdout}{stderr}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Renders every formula in one node process.</summary>
    /// <param name="formulas">The formulas (duplicates are rendered once).</param>
    /// <returns>Each formula's HTML (KaTeX's HTML plus MathML for screen readers).</returns>
    /// <exception cref="InvalidOperationException">node is missing, or KaTeX rejected a formula (the message quotes it).</exception>
    public IReadOnlyDictionary<Formula, string> Render(IEnumerable<Formula> formulas)
    {
        ArgumentNullException.ThrowIfNull(formulas);
        var distinct = formulas.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            return new Dictionary<Formula, string>();
        }
        EnsureInstalled();
        var request = JsonSerializer.Serialize(distinct.Select(f => new { tex = f.Tex, display = f.Display }));
        var (code, stdout, stderr) = Run("node", [Path.Combine(ProjectDirectory, "tools", "render-math.cjs")], request);
        if (code != 0)
        {
            throw new InvalidOperationException($"node tools/render-math.cjs failed (exit code {code}):\n{stderr}");
        }
        using var answer = JsonDocument.Parse(stdout);
        var results = answer.RootElement.EnumerateArray().ToArray();
        var rendered = new Dictionary<Formula, string>();
        var errors = new List<string>();
        for (var i = 0; i < distinct.Length; i++)
        {
            if (results[i].TryGetProperty("error", out var error))
            {
                errors.Add($"  {(distinct[i].Display ? "$$" : "$")}{distinct[i].Tex}{(distinct[i].Display ? "$$" : "$")}: {error.GetString()}");
            }
            else
            {
                rendered[distinct[i]] = results[i].GetProperty("html").GetString()!;
            }
        }
        return errors.Count == 0
            ? rendered
            : throw new InvalidOperationException("KaTeX could not render these formulas:\n" + string.Join('\n', errors));
    }

    private (int Code, string Stdout, string Stderr) Run(string program, IReadOnlyList<string> arguments, string? input)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = ProjectDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"`{program}` is not installed or not on PATH ({e.Message}); the site's math is rendered with node and KaTeX (node 20+, npm).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using (var stdin = new StreamWriter(process.StandardInput.BaseStream, new System.Text.UTF8Encoding(false)))
            {
                stdin.Write(input ?? "");
            }
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
