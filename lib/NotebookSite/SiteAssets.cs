namespace NotebookSite;

/// <summary>The files every page shares, written once under <c>assets/</c>: the site's CSS and script, plotly.js
/// from the copy Plotly.NET.dll embeds, and KaTeX's CSS and fonts.</summary>
public static class SiteAssets
{
    /// <summary>The plotly.js version Plotly.NET 6.0.0 embeds and its chart outputs ask for.</summary>
    public const string PlotlyVersion = NotebookApp.PlotlyScript.Version;

    /// <summary>Relative URL of plotly.js.</summary>
    public const string PlotlyJs = "assets/plotly-" + PlotlyVersion + ".min.js";

    /// <summary>Relative URL of the site's CSS.</summary>
    public const string SiteCss = "assets/site.css";

    /// <summary>Relative URL of the site's script (folds the sidebar on phones, draws the charts).</summary>
    public const string SiteJs = "assets/site.js";

    /// <summary>Relative URL of the charts' layout rule (width, panels, legend, colour scheme), loaded by pages with charts.</summary>
    public const string ChartsJs = "assets/charts.js";

    /// <summary>Relative URL of KaTeX's CSS (its fonts sit in <c>assets/katex/fonts/</c>).</summary>
    public const string KatexCss = "assets/katex/katex.min.css";

    /// <summary>Writes the shared files.</summary>
    /// <param name="siteDirectory">The site's folder.</param>
    /// <param name="katexDist">KaTeX's <c>dist</c> folder.</param>
    public static void Write(string siteDirectory, string katexDist)
    {
        var assets = Directory.CreateDirectory(Path.Combine(siteDirectory, "assets")).FullName;
        NotebookApp.PlotlyScript.CopyResource(typeof(SiteAssets).Assembly, "NotebookSite.site.css", Path.Combine(siteDirectory, SiteCss));
        NotebookApp.PlotlyScript.CopyResource(typeof(SiteAssets).Assembly, "NotebookSite.site.js", Path.Combine(siteDirectory, SiteJs));
        NotebookApp.PlotlyScript.CopyResource(typeof(SiteAssets).Assembly, "NotebookSite.charts.js", Path.Combine(siteDirectory, ChartsJs));
        NotebookApp.PlotlyScript.Write(Path.Combine(siteDirectory, PlotlyJs));

        var katex = Directory.CreateDirectory(Path.Combine(assets, "katex", "fonts")).Parent!.FullName;
        File.Copy(Path.Combine(katexDist, "katex.min.css"), Path.Combine(katex, "katex.min.css"), true);
        foreach (var font in Directory.EnumerateFiles(Path.Combine(katexDist, "fonts")))
        {
            File.Copy(font, Path.Combine(katex, "fonts", Path.GetFileName(font)), true);
        }
        var license = Path.Combine(katexDist, "..", "LICENSE");
        if (File.Exists(license))
        {
            File.Copy(license, Path.Combine(katex, "LICENSE.txt"), true);
        }
    }
}
