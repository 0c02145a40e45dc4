using System.Reflection;

namespace NotebookApp;

/// <summary>The plotly.js copy that Plotly.NET.dll embeds, so a chart page needs no network (shared by the offline site).</summary>
public static class PlotlyScript
{
    /// <summary>The plotly.js version Plotly.NET 6.0.0 embeds and its charts are written for.</summary>
    public const string Version = "2.28.0";

    /// <summary>The file name plotly.js is written under.</summary>
    public const string FileName = "plotly-" + Version + ".min.js";

    /// <summary>Writes plotly.js and its licence (<see cref="FileName"/> and <c>.LICENSE.txt</c> beside it).</summary>
    /// <param name="path">Where plotly.js goes; its folder must exist.</param>
    public static void Write(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var plotly = typeof(Plotly.NET.GenericChart).Assembly;
        CopyResource(plotly, $"Plotly.NET.{FileName}", path);
        CopyResource(plotly, $"Plotly.NET.{FileName}.LICENSE.txt", path + ".LICENSE.txt");
    }

    /// <summary>
    /// Copies a managed resource of <paramref name="assembly"/> to a file, unless the file already holds the same bytes.
    /// Written to a temporary file first and renamed over the target, so that two processes writing the same file at
    /// once (two apps drawing charts into one folder) neither fail on the other's open file nor leave a torn copy.
    /// </summary>
    /// <param name="assembly">The assembly that embeds it.</param>
    /// <param name="name">The resource's name.</param>
    /// <param name="path">The destination file.</param>
    /// <exception cref="InvalidOperationException">The assembly has no such resource.</exception>
    public static void CopyResource(Assembly assembly, string name, string path)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no embedded resource '{name}'.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return;
        }
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
