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
/// Installing KaTeX (<c>npm ci</c>, a network step) is a separate, explicit step, <see cref="EnsureInstalled"/>:
/// rendering never installs anything, and fails with the command to run when KaTeX is missing. Every child process
/// has a time limit and stops (with its children) when the caller cancels.
/// </summary>
/// <param name="projectDirectory">The folder holding package.json, package-lock.json and tools/ (lib/NotebookSite).</param>
/// <param name="timeout">How long one node or npm process may run; null for <see cref="DefaultTimeout"/>.</param>
public sealed class KatexRenderer(string projectDirectory, TimeSpan? timeout = null)
{
    /// <summary>The time limit of one process when none is given: the whole course's math renders in about a second,
    /// and <c>npm ci</c> from a warm cache in a few.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The folder holding package.json and node_modules.</summary>
    public string ProjectDirectory { get; } = Path.GetFullPath(projectDirectory);

    /// <summary>The time limit of one process.</summary>
    public TimeSpan Timeout { get; } = timeout is { } t && t > TimeSpan.Zero ? t : DefaultTimeout;

    /// <summary>KaTeX's distribution folder (katex.min.css and fonts/).</summary>
    public string DistDirectory => Path.Combine(ProjectDirectory, "node_modules", "katex", "dist");

    /// <summary>Whether KaTeX is installed (its CSS is where rendering and the site's assets expect it).</summary>
    public bool IsInstalled => File.Exists(Path.Combine(DistDirectory, "katex.min.css"));

    /// <summary>The prepare step: installs the pinned KaTeX with <c>npm ci</c> unless it is already there.</summary>
    /// <param name="cancellationToken">Stops npm.</param>
    /// <exception cref="InvalidOperationException">npm is missing, failed or ran out of time; the message says what to do.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled; npm was stopped.</exception>
    public void EnsureInstalled(CancellationToken cancellationToken = default)
    {
        InstallGate.Wait(cancellationToken);
        try
        {
            if (IsInstalled)
            {
                return;
            }
            var (code, stdout, stderr) = Run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], null, cancellationToken);
            if (code != 0 || !IsInstalled)
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

    /// <summary>Renders every formula in one node process. Installs nothing: call <see cref="EnsureInstalled"/> first.</summary>
    /// <param name="formulas">The formulas (duplicates are rendered once).</param>
    /// <param name="cancellationToken">Stops node.</param>
    /// <returns>Each formula's HTML (KaTeX's HTML plus MathML for screen readers).</returns>
    /// <exception cref="InvalidOperationException">KaTeX is not installed (the message gives the command), node is missing
    /// or ran out of time, or KaTeX rejected a formula (the message quotes it).</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled; node was stopped.</exception>
    public IReadOnlyDictionary<Formula, string> Render(IEnumerable<Formula> formulas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(formulas);
        var distinct = formulas.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            return new Dictionary<Formula, string>();
        }
        RequireInstalled();
        var request = JsonSerializer.Serialize(distinct.Select(f => new { tex = f.Tex, display = f.Display }));
        var (code, stdout, stderr) = Run("node", [Path.Combine(ProjectDirectory, "tools", "render-math.cjs")], request, cancellationToken);
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

    /// <summary>Fails, with the command that fixes it, when KaTeX is not installed.</summary>
    /// <exception cref="InvalidOperationException">KaTeX is missing.</exception>
    public void RequireInstalled()
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException(
                $"KaTeX is not installed in {ProjectDirectory}: run `npm ci --prefix {ProjectDirectory} --no-audit --no-fund` "
                + "(the runner's prepare step does) before rendering the site.");
        }
    }

    private (int Code, string Stdout, string Stderr) Run(string program, IReadOnlyList<string> arguments, string? input,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
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
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Timeout);
            try
            {
                using (var stdin = new StreamWriter(process.StandardInput.BaseStream, new System.Text.UTF8Encoding(false)))
                {
                    stdin.Write(input ?? "");
                }
                process.WaitForExitAsync(limit.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // Cancelled, out of time, or gone before reading its input: stop it and whatever it started.
                Stop(process);
                cancellationToken.ThrowIfCancellationRequested();
                if (limit.IsCancellationRequested)
                {
                    throw new InvalidOperationException(
                        $"`{program} {string.Join(' ', arguments)}` did not finish within {Timeout.TotalSeconds:0.#} s and was stopped.", e);
                }
                process.WaitForExit();
            }
            return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        process.WaitForExit();
    }
}
