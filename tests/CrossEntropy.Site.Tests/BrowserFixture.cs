using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace CrossEntropy.Site.Tests;

/// <summary>
/// One headless Chromium for the browser tests, launched by Playwright from <see cref="Chromium.ExecutablePath"/>.
/// Every context it makes has all network traffic blocked: any request that is not file:// is aborted and counted.
/// On start it proves the blocking works on a probe page that asks for an http:// image.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
        {
            return; // the tests are skipped; nothing to launch
        }
        if (!File.Exists(Chromium.ExecutablePath))
        {
            throw new InvalidOperationException(
                $"CI=true and there is no Chromium at {Chromium.ExecutablePath}: .ci/run should have installed Debian's chromium package.");
        }
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Arguments,
        });
        await ProveBlockingWorks();
    }

    public async Task DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.CloseAsync();
            playwright.Dispose();
        }
    }

    /// <summary>A browser context with the network blocked; <paramref name="blocked"/> collects every request it stopped.</summary>
    public async Task<IBrowserContext> OfflineContextAsync(BrowserNewContextOptions options, ConcurrentQueue<string> blocked)
    {
        ArgumentNullException.ThrowIfNull(blocked);
        var context = await Browser.NewContextAsync(options);
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                blocked.Enqueue(route.Request.Url);
                await route.AbortAsync();
            }
        });
        return context;
    }

    /// <summary>The guard must be able to fail: a page asking for a loopback http:// image must be counted once.</summary>
    private async Task ProveBlockingWorks()
    {
        var probe = Path.Combine(Directory.CreateTempSubdirectory("offline-probe-").FullName, "probe.html");
        try
        {
            await File.WriteAllTextAsync(probe, "<!DOCTYPE html><title>probe</title><img alt=\"\" src=\"http://127.0.0.1:9/probe.png\">");
            var blocked = new ConcurrentQueue<string>();
            await using var context = await OfflineContextAsync(new(), blocked);
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(probe).AbsoluteUri);
            if (blocked.Count != 1)
            {
                throw new InvalidOperationException($"The network blocker counted {blocked.Count} requests on the probe page, not 1.");
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(probe)!, true);
        }
    }
}
