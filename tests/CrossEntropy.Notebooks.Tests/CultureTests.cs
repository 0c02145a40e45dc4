using System.Diagnostics;
using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>
/// The runner reproduces invariant-culture outputs whatever the user's desktop says: it is started here as a user
/// would start it, in a child process whose environment is a German, an American or a Chinese desktop (the
/// variables VS Code and a login shell set), on a small notebook that prints what culture and time zone change.
/// </summary>
public class CultureTests
{
    // Decimal separator, infinity and a local time: "1,5 ∞" under de-DE, "∞" under en-US and zh-CN, 20:00 in Shanghai.
    private const string Source =
        "Console.WriteLine($\"{1.5} {double.PositiveInfinity} {new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc).ToLocalTime():HH:mm}\");";

    private const string InvariantOutput = "1.5 Infinity 12:00\n";

    public static TheoryData<string, string, string> Desktops() => new()
    {
        { "de_DE.UTF-8", "de-DE", "Europe/Berlin" },
        { "en_US.UTF-8", "en-US", "America/New_York" },
        { "zh_CN.UTF-8", "zh-CN", "Asia/Shanghai" },
    };

    [Theory]
    [MemberData(nameof(Desktops))]
    public async Task The_runner_prints_the_invariant_culture_and_utc_under_any_desktop_locale(string lang, string cliCulture, string timeZone)
    {
        using var repo = new TemporaryRepository();
        repo.Add("01-culture.ipynb", Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code(Source, Ipynb.Stream(InvariantOutput))));
        await repo.RestoreToolsAsync();

        var start = repo.RunnerStartInfo("--skip-prepare", "--no-site", "--no-student");
        start.Environment["LANG"] = lang;
        start.Environment["LC_ALL"] = lang;
        start.Environment["DOTNET_CLI_CULTURE"] = cliCulture;
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = cliCulture;
        start.Environment["TZ"] = timeZone;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var log = await output + await error;
        Assert.True(process.ExitCode == ExitCodes.Success, $"runner under {lang}/{cliCulture}/{timeZone} exited {process.ExitCode}:\n{log}");
        Assert.Contains("outputs match the committed notebook", log, StringComparison.Ordinal);
    }
}

public class KernelEnvironmentTests
{
    [Fact]
    public void Pin_removes_every_culture_override_and_sets_the_c_locale_and_utc()
    {
        var environment = new Dictionary<string, string?>
        {
            ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8", ["LC_NUMERIC"] = "de_DE.UTF-8", ["LANGUAGE"] = "de",
            ["DOTNET_CLI_CULTURE"] = "de-DE", ["DOTNET_CLI_UI_LANGUAGE"] = "de-DE", ["TZ"] = "Europe/Berlin", ["PATH"] = "/bin",
        };
        KernelEnvironment.Pin(environment);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["LANG"] = "C.UTF-8", ["LC_ALL"] = "C.UTF-8", ["TZ"] = "UTC", ["PATH"] = "/bin",
        }, environment);
    }
}
