using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive.Formatting;

namespace CrossEntropy.Interactive;

/// <summary>
/// One call, in a notebook's first cell after the <c>#r</c> lines, that prepares the .NET Interactive kernel:
/// the FSharp.Core redirect Plotly.NET needs, and the HTML formatters of this library's display types.
/// </summary>
public static class KernelSetup
{
    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>Whether <see cref="Install()"/> has run in this process.</summary>
    public static bool IsInstalled
    {
        get { lock (Gate) { return installed; } }
    }

    /// <summary>
    /// Installs the kernel workarounds and formatters. Idempotent: later calls do nothing.
    /// Safe outside a kernel (a console app or a test): nothing it does needs a running kernel.
    /// </summary>
    public static void Install()
    {
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

    /// <summary>The course language of this kernel session, <c>en</c> unless <see cref="Install(string)"/> set another.</summary>
    public static string CourseLanguage { get; private set; } = "en";

    /// <summary>
    /// <see cref="Install()"/>, for a notebook of the given edition: the Chinese notebooks call it with <c>"zh-CN"</c>
    /// (their generator writes that call, see NotebookRunner's Translation/TranslatedEdition).
    /// </summary>
    /// <param name="language"><c>en</c> or <c>zh-CN</c>.</param>
    /// <exception cref="ArgumentException">Another language; the message names it.</exception>
    public static void Install(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (language is not ("en" or "zh-CN"))
        {
            throw new ArgumentException($"Unknown course language '{language}': use \"en\" or \"zh-CN\".", nameof(language));
        }
        CourseLanguage = language;
        Install();
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
    }

    private static void Register<T>(Func<T, string> html)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), HtmlFormatter.MimeType);
        Formatter.Register<T>((value, writer) => writer.Write(value?.ToString()), PlainTextFormatter.MimeType);
        // Emit both: text/html for readers, text/plain so a notebook diff in CI stays readable.
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}
