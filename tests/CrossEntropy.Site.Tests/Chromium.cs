namespace CrossEntropy.Site.Tests;

/// <summary>Debian's Chromium, which the browser tests drive (Playwright is never allowed to download a browser).</summary>
internal static class Chromium
{
    /// <summary>Where Debian's <c>chromium</c> package installs it (<c>.ci/run</c> installs it when missing).</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The flags for a quiet, sandbox-free headless run that makes no background requests.</summary>
    public static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>True under CI (<c>CI=true</c>), where a missing browser must fail the tests, not skip them.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the browser tests cannot run here, or null when they can (or must, under CI).</summary>
    public static string? SkipReason => File.Exists(ExecutablePath) || InCi
        ? null
        : $"Browser tests skipped: no Chromium at {ExecutablePath}. Install it with `apt-get update && apt-get install -y chromium` "
          + "(.ci/run does); under CI=true a missing Chromium fails these tests instead.";
}

/// <summary>A theory that is skipped, with one clear message, when Chromium is missing outside CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
