using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive.Formatting;

namespace CrossEntropy.Interactive;

/// <summary>
/// One call, in a notebook's first cell after the <c>#r</c> lines, that prepares the .NET Interactive kernel:
/// the FSharp.Core redirect Plotly.NET needs, the HTML formatters of this library's display types, and (with
/// <see cref="Install(string)"/>) the language the exercise checks speak.
/// </summary>
public static class KernelSetup
{
    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>Whether <see cref="Install(string)"/> has run in this process.</summary>
    public static bool IsInstalled
    {
        get { lock (Gate) { return installed; } }
    }

    /// <summary>
    /// Installs the kernel workarounds and formatters for the English edition: the same as <c>Install("en")</c>.
    /// </summary>
    public static void Install() => Install(Localization.CourseLanguage.English);

    /// <summary>
    /// Sets the course language of this kernel session (the checks' verdicts, exercise names and hints), then installs
    /// the kernel workarounds and formatters. The installation is idempotent (later calls only set the language).
    /// Safe outside a kernel (a console app or a test): nothing it does needs a running kernel.
    /// </summary>
    /// <param name="language"><c>"en"</c> (the English edition) or <c>"zh-CN"</c> (the Chinese edition).</param>
    /// <exception cref="ArgumentException">Any other language; the message names the value.</exception>
    public static void Install(string language)
    {
        Localization.CourseLanguage.Set(language);
        lock (Gate)
        {
            if (installed)
            {
                return;
            }
            // Why: Plotly.NET 6.0.0 / Plotly.NET.CSharp 0.14.0 are compiled against FSharp.Core 10.1.0.0, but the
            // kernel has already loaded its own FSharp.Core 10.0.0.0, so the first chart fails with "Could not load
            // file or assembly 'FSharp.Core, Version=10.1.0.0'". The kernel is archived upstream (no fix will come);
            // the APIs Plotly uses exist in 10.0, so hand back the loaded copy for any FSharp.Core request.
            AssemblyLoadContext.Default.Resolving += ResolveLoadedFSharpCore;
            TryRegisterFormatters();
            installed = true;
        }
    }

    private static Assembly? ResolveLoadedFSharpCore(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == "FSharp.Core"
            ? AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core")
            : null;

    private static void TryRegisterFormatters()
    {
        try
        {
            RegisterFormatters();
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException)
        {
            // Outside a kernel the formatting assembly may be absent; the display types still have ToString().
        }
    }

    // Kept in its own non-inlined method so a missing Formatting assembly fails here, where it is caught.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterFormatters()
    {
        Register<DistributionView>(v => v.ToHtml());
        Register<TableView>(v => v.ToHtml());
        Register<Exercises.ExerciseResult>(v => v.ToHtml());
        // A check's verdict also travels as data (application/json), so tools read it instead of parsing the label.
        // VS Code and Jupyter rank text/html above application/json, so readers still see the box.
        Formatter.Register<Exercises.ExerciseResult>((value, writer) => writer.Write(value.ToJson()), JsonFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Exercises.ExerciseResult),
            HtmlFormatter.MimeType, PlainTextFormatter.MimeType, JsonFormatter.MimeType);
    }

    private static void Register<T>(Func<T, string> html)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), HtmlFormatter.MimeType);
        Formatter.Register<T>((value, writer) => writer.Write(value?.ToString()), PlainTextFormatter.MimeType);
        // Emit both: text/html for readers, text/plain so a notebook diff in CI stays readable.
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}
