using Microsoft.DotNet.Interactive.Formatting;
using NotebookApp;

namespace CrossEntropy.Notebooks.Tests.Export;

/// <summary>An exported app prints what the kernel's text/plain formatter shows, for the values notebooks display.</summary>
[Trait(KernelFree.Trait, KernelFree.Unit)]
public sealed class PlainTextTests
{
    private static readonly double[] Reals = [1.0, 2.5, 3];
    private static readonly string[] Letters = ["a", "b"];

    public static TheoryData<object> Values() => new()
    {
        1.5, 42, double.NaN, double.PositiveInfinity, 1e-20, 1.0 / 3, 1.5f, 12.5m, -7L, "text", true, 'c',
        Reals, new List<int> { 1, 2, 3 }, Enumerable.Range(0, 30).ToArray(), Letters, Array.Empty<int>(),
        (1, "x"), new Point(1, "two"), new DateTime(2026, 12, 7, 1, 2, 3, DateTimeKind.Utc),
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Matches_the_kernels_formatter(object value)
    {
        Assert.Equal(value.ToDisplayString(PlainTextFormatter.MimeType), PlainText.Format(value));
    }

    [Fact]
    public void A_type_with_its_own_text_form_prints_it_as_a_registered_formatter_would()
    {
        var table = new CrossEntropy.Interactive.TableView(["a", "b"], [[1.0, "x"]], Digits: 2, Title: "t");
        Assert.Equal(table.ToString(), PlainText.Format(table));
        Assert.Equal("<null>", PlainText.Format(null));
    }

    public sealed record Point(int A, string B);
}
