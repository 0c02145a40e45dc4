namespace NotebookRunner;

/// <summary>
/// The environment every child process (tool restore, build, the notebook kernel) gets, so that a notebook prints
/// the same text on every machine: the invariant culture and UTC, whatever the user's desktop says.
/// </summary>
/// <remarks>
/// .NET on Linux and macOS takes its current culture from <c>LC_ALL</c>, then <c>LC_MESSAGES</c>/<c>LANG</c>; the
/// Polyglot kernel also applies <c>DOTNET_CLI_CULTURE</c>, which VS Code sets to its display language. Under
/// <c>de_DE</c> a double prints with a decimal comma and under <c>en_US</c> infinity prints as <c>∞</c>, so committed
/// outputs would drift. Setting the culture inside a notebook cell does not last into later cells (NOTES.md), so it is
/// pinned here, before the kernel starts. The committed outputs are in the invariant culture (<c>C.UTF-8</c>).
/// </remarks>
public static class KernelEnvironment
{
    /// <summary>The locale every child runs under: POSIX C with UTF-8, which .NET maps to the invariant culture.</summary>
    public const string Locale = "C.UTF-8";

    /// <summary>Variables removed because they would override <see cref="Locale"/> for .NET or the kernel.</summary>
    public static readonly IReadOnlyList<string> CultureOverrides =
    [
        "DOTNET_CLI_CULTURE", "DOTNET_CLI_UI_LANGUAGE", "VSLANG", "LANGUAGE",
        "LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY", "LC_MESSAGES",
    ];

    /// <summary>Pins the culture and time zone in a child's environment (modified in place).</summary>
    /// <param name="environment">A <see cref="System.Diagnostics.ProcessStartInfo.Environment"/> or any copy of one.</param>
    public static void Pin(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var key in CultureOverrides)
        {
            environment.Remove(key);
        }
        environment["LANG"] = Locale;
        environment["LC_ALL"] = Locale;
        environment["TZ"] = "UTC";
    }
}
