namespace CrossEntropy.Notebooks.Tests.Export;

/// <summary>The trait of the kernel-free edition's tests: <c>--filter "KernelFree=unit"</c> for the fast ones,
/// <c>--filter "KernelFree=apps"</c> for the test that runs every exported course app with <c>dotnet run</c>.</summary>
internal static class KernelFree
{
    public const string Trait = "KernelFree";

    public const string Unit = "unit";

    public const string Apps = "apps";
}
