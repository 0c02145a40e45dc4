using System.Globalization;

namespace NotebookRunner;

/// <summary>What the runner does after executing the notebooks.</summary>
public enum RunMode
{
    /// <summary>Compare outputs with the committed notebooks (the default, what CI runs).</summary>
    Check,

    /// <summary>Copy outputs and execution counts into the committed notebooks.</summary>
    Refresh,
}

/// <summary>The parsed command line.</summary>
public sealed record RunnerOptions
{
    /// <summary>The text printed by <c>--help</c>.</summary>
    public const string Help = """
        NotebookRunner: executes the numbered notebooks (notebooks/[0-9][0-9]-*.ipynb) headlessly with the
        pinned dotnet-repl, in order, with notebooks/ as working directory, writing notebooks/executed/<name>.

        Usage: dotnet run --project lib/NotebookRunner -c Release -- [options]

        Default (no options, same as --check): restore tools, build lib/CrossEntropy.Interactive (Release),
        execute every notebook, print each code cell's time and each notebook's total, report every error
        output (notebook, cell, text), then compare each code cell's outputs (text/plain, text/html, stream
        text) with the committed notebook after masking volatile parts (ids, GUIDs, timestamps, paths,
        package-install progress). Cells tagged "machine-dependent" (timings, memory) run but are not
        compared. Exit code 1 when any notebook has an error or differs, else 0.

        Options:
          --check            Execute, report errors, compare with committed outputs (the default).
          --refresh          Execute, report errors, then copy ONLY each code cell's outputs and
                             execution_count into the committed notebook (its metadata stays as is).
                             A notebook with an error output is not refreshed (exit code 1).
          --no-execute       Skip preparation and execution; use the existing notebooks/executed/ copies.
          --skip-prepare     Skip `dotnet tool restore` and the Release build (they are already done).
          --notebook NAME    Only this notebook: a file name, with or without .ipynb, or its number
                             prefix (e.g. 01). May be given more than once.
          --parallel N       Run up to N notebooks at once (default 2: on a 2-core machine two overlap kernel
                             start-up and package restore; 1 gives the cleanest per-notebook times).
          --timeout SECONDS  Stop a notebook that runs longer (default 600).
          --site-only        Do not execute: render the committed notebooks into artifacts/site/ and stop.
          --no-site          Do not render the site (by default it is written after executing, from the
                             executed copies, or the committed notebook where there is none).
          --no-student       Do not write and execute the student edition (artifacts/student/).
          --export           Do not execute: write the kernel-free edition (notebooks/apps/NN-name.cs, one
                             file-based app per notebook) from the committed notebooks and stop. The main
                             job writes it too, after executing.
          -h, --help         Show this text.

        Every child process runs under the C.UTF-8 locale (the invariant culture) and UTC, whatever the
        user's locale, DOTNET_CLI_CULTURE or time zone: committed outputs are in that culture.

        Exit codes: 0 success; 1 an error output, a difference, a failed step or a folder that cannot be
        written; 64 bad usage (an unknown option, a bad value, a --notebook that matches nothing).
        """;

    /// <summary>Check (default) or refresh.</summary>
    public RunMode Mode { get; init; } = RunMode.Check;

    /// <summary>Use existing executed copies instead of running the notebooks.</summary>
    public bool NoExecute { get; init; }

    /// <summary>Skip tool restore and the Release build.</summary>
    public bool SkipPrepare { get; init; }

    /// <summary>Notebook filters (empty: all numbered notebooks).</summary>
    public IReadOnlyList<string> Notebooks { get; init; } = [];

    /// <summary>How many notebooks run at once.</summary>
    public int Parallel { get; init; } = 2;

    /// <summary>The per-notebook time limit.</summary>
    public TimeSpan Timeout { get; init; } = Executor.DefaultTimeout;

    /// <summary>Only render the site from the committed notebooks; execute nothing.</summary>
    public bool SiteOnly { get; init; }

    /// <summary>Skip rendering the site.</summary>
    public bool NoSite { get; init; }

    /// <summary>Skip the student edition (for a quick check of one notebook while writing it).</summary>
    public bool NoStudent { get; init; }

    /// <summary>Only write the kernel-free edition (notebooks/apps/); execute nothing.</summary>
    public bool ExportOnly { get; init; }

    /// <summary>Whether <c>--help</c> was asked for.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>Parses the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">An unknown option or a bad value; the message says which.</exception>
    public static RunnerOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new RunnerOptions();
        var notebooks = new List<string>();
        bool check = false, refresh = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--check": check = true; break;
                case "--refresh": refresh = true; break;
                case "--no-execute": options = options with { NoExecute = true }; break;
                case "--skip-prepare": options = options with { SkipPrepare = true }; break;
                case "--notebook": notebooks.Add(Value()); break;
                case "--site-only": options = options with { SiteOnly = true }; break;
                case "--no-site": options = options with { NoSite = true }; break;
                case "--no-student": options = options with { NoStudent = true }; break;
                case "--export": options = options with { ExportOnly = true }; break;
                case "--parallel":
                    options = options with { Parallel = PositiveInt(Value(), "--parallel") };
                    break;
                case "--timeout":
                    options = options with { Timeout = TimeSpan.FromSeconds(PositiveInt(Value(), "--timeout")) };
                    break;
                case "-h" or "--help" or "-?": options = options with { ShowHelp = true }; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. See --help.");
            }
        }
        if (check && refresh)
        {
            throw new ArgumentException("--check and --refresh exclude each other.");
        }
        if (options.SiteOnly && options.NoSite)
        {
            throw new ArgumentException("--site-only and --no-site exclude each other.");
        }
        return options with { Mode = refresh ? RunMode.Refresh : RunMode.Check, Notebooks = notebooks };
    }

    /// <summary>Whether a notebook file name passes the <c>--notebook</c> filters.</summary>
    /// <param name="fileName">The notebook's file name.</param>
    /// <returns>True when there is no filter or one matches.</returns>
    public bool Selects(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return Notebooks.Count == 0 || Notebooks.Any(f =>
            string.Equals(fileName, f, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Path.GetFileNameWithoutExtension(fileName), f, StringComparison.OrdinalIgnoreCase)
            || fileName.StartsWith(f + "-", StringComparison.OrdinalIgnoreCase));
    }

    private static int PositiveInt(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option} needs a positive whole number, not '{text}'.");
}
