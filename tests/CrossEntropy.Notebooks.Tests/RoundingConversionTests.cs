using System.Text.RegularExpressions;
using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>
/// No error may be measured through a conversion to <c>decimal</c> that rounds: <c>(decimal)x</c> keeps 15 significant
/// digits of a double (7 of a float), <c>Convert.ToDecimal</c> and <c>new decimal(double)</c> do the same, and
/// <c>decimal.CreateChecked</c> and its siblings, or parsing a formatted double, round too; an error measured through
/// them measures the conversion (notebook 3 once printed such errors). The exact route is
/// <c>HighPrecision.ToDecimal</c>. A fast scan of every notebook code cell and every .cs file under lib/, no kernel.
/// A cast is flagged whatever its operand (even an exact integer): write integers as <c>m</c> literals or convert
/// them with <c>HighPrecision.ToDecimal</c>, so that the rule stays a simple one.
/// </summary>
public partial class RoundingConversionTests
{
    /// <summary>The rounding conversions to decimal, with the name a failure message gives them.</summary>
    private static readonly (string Name, Regex Pattern)[] Conversions =
    [
        ("a cast (decimal)x", CastPattern()),
        ("Convert.ToDecimal", new Regex(@"\bConvert\s*\.\s*ToDecimal\s*\(", RegexOptions.CultureInvariant)),
        ("new decimal(x) from one value", new Regex(@"\bnew\s+decimal\s*\(\s*[^,()]+\)", RegexOptions.CultureInvariant)),
        ("decimal.CreateChecked/Truncating/Saturating", new Regex(@"\bdecimal\s*\.\s*Create(Checked|Truncating|Saturating)\b", RegexOptions.CultureInvariant)),
        ("decimal.op_Explicit", new Regex(@"\bdecimal\s*\.\s*op_Explicit\b", RegexOptions.CultureInvariant)),
        ("parsing a formatted number as decimal", new Regex(@"\bdecimal\s*\.\s*(Try)?Parse\s*\([^;]*ToString\s*\(", RegexOptions.CultureInvariant)),
        ("Convert.ChangeType(x, typeof(decimal))", new Regex(@"\bChangeType\s*\([^;]*typeof\s*\(\s*decimal\s*\)", RegexOptions.CultureInvariant)),
    ];

    /// <summary>The rounding conversions in a piece of C# source, one description per hit (line comments ignored).</summary>
    /// <param name="source">C# code.</param>
    /// <returns>"line n: name: the line" for each hit.</returns>
    public static IReadOnlyList<string> Find(string source)
    {
        var hits = new List<string>();
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var code = LineComment().Replace(lines[i], "");
            hits.AddRange(Conversions.Where(c => c.Pattern.IsMatch(code)).Select(c => $"line {i + 1}: {c.Name}: {lines[i].Trim()}"));
        }
        return hits;
    }

    // Notebook 3's precision cells as they were before issue 15: the scan must catch them.
    private const string OldNotebook3Cells = """
        decimal reference = HighPrecision.CrossEntropyFromLogits(p, logits);
        Console.WriteLine($"reference (decimal)      = {reference}");
        Console.WriteLine($"|blog formula − ref|     = {Math.Abs((double)((decimal)crossEntropy - reference)):E1}");
        Console.WriteLine($"|from logits − ref|      = {Math.Abs((double)((decimal)fromLogits - reference)):E1}");
        float[] q32 = StableMath.Softmax<float>([0.7f, 0.3f]);
        float crossEntropy32 = Textbook.CrossEntropy<float>([0.5f, 0.5f], q32);
        Console.WriteLine($"relative error vs reference: {Math.Abs(((decimal)crossEntropy32 - reference) / reference):E1}");
        """;

    [Fact]
    public void The_scan_catches_the_old_notebook_3()
    {
        var hits = Find(OldNotebook3Cells);
        Assert.Equal(["line 3", "line 4", "line 7"], hits.Select(h => h[..h.IndexOf(':', StringComparison.Ordinal)]));
        Assert.All(hits, h => Assert.Contains("a cast (decimal)x", h, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("decimal d = (decimal)x;")]
    [InlineData("var e = (decimal) Math.Log(2) - reference;")]
    [InlineData("var e = ( decimal )(x * y);")]
    [InlineData("var e = (decimal)-x;")]
    [InlineData("var e = (decimal)0.1;")]
    [InlineData("var d = Convert.ToDecimal(x);")]
    [InlineData("var d = System.Convert.ToDecimal( q[0] );")]
    [InlineData("var d = new decimal(x);")]
    [InlineData("var d = new decimal(crossEntropy32);")]
    [InlineData("var d = decimal.CreateChecked(x);")]
    [InlineData("var d = decimal.CreateTruncating(x);")]
    [InlineData("var d = decimal.CreateSaturating(x);")]
    [InlineData("var d = decimal.op_Explicit(x);")]
    [InlineData("var d = decimal.Parse(x.ToString(\"R\"));")]
    [InlineData("var d = (decimal)Convert.ChangeType(x, typeof(decimal));")]
    [InlineData("var d = Convert.ChangeType(x, typeof(decimal));")]
    public void The_scan_catches_each_rounding_conversion(string line) =>
        Assert.NotEmpty(Find(line));

    [Theory]
    [InlineData("decimal d = HighPrecision.ToDecimal(x);")]
    [InlineData("decimal exact = 0.5m * 0.7m + HighPrecision.Ln2;")]
    [InlineData("double back = (double)(reference - exact);")]
    [InlineData("var t = typeof(decimal);")]
    [InlineData("Func<decimal, double> f = (decimal d) => (double)d;")]
    [InlineData("var d = new decimal(lo, mid, hi, false, 28);")]
    [InlineData("var d = decimal.Parse(\"0.1\", CultureInfo.InvariantCulture);")]
    [InlineData("var sum = Sum<decimal>(values); // (decimal)x would round here")]
    [InlineData("/// <summary>Never (decimal)x: it keeps 15 digits.</summary>")]
    [InlineData("Console.WriteLine($\"reference (decimal)      = {reference}\");")]
    public void The_scan_passes_exact_conversions_and_comments(string line) =>
        Assert.Empty(Find(line));

    [Fact]
    public void No_notebook_code_cell_converts_to_decimal_with_rounding()
    {
        var layout = RepoLayout.Find(AppContext.BaseDirectory);
        var notebooks = layout.NumberedNotebooks();
        Assert.NotEmpty(notebooks);
        var hits = notebooks.SelectMany(name => NotebookFile.Load(layout.CommittedPath(name)).CodeCells
                .SelectMany(cell => Find(NotebookFile.Source(cell.Cell)).Select(hit => $"{name}, cell {cell.Number}, {hit}")))
            .ToArray();
        Assert.True(hits.Length == 0, "Rounding conversions to decimal (use HighPrecision.ToDecimal):\n" + string.Join("\n", hits));
    }

    [Fact]
    public void No_library_source_converts_to_decimal_with_rounding()
    {
        var lib = Path.Combine(RepoLayout.Find(AppContext.BaseDirectory).Root, "lib");
        var files = Directory.EnumerateFiles(lib, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"))
            .ToArray();
        Assert.Contains(files, f => f.EndsWith("HighPrecision.cs", StringComparison.Ordinal));
        var hits = files.SelectMany(f => Find(File.ReadAllText(f)).Select(hit => $"{Path.GetRelativePath(lib, f)}, {hit}")).ToArray();
        Assert.True(hits.Length == 0, "Rounding conversions to decimal (use HighPrecision.ToDecimal):\n" + string.Join("\n", hits));
    }

    // (decimal) followed by an operand (a name, a literal, a parenthesis or a minus sign): not typeof(decimal), not a
    // parameter list "(decimal d)", not a label in a string such as "reference (decimal) = ".
    [GeneratedRegex(@"\(\s*decimal\s*\)\s*[\w(@-]", RegexOptions.CultureInvariant)]
    private static partial Regex CastPattern();

    // From // to the end of the line, where the // is not inside a string literal's "://".
    [GeneratedRegex(@"(?<!:)//.*$", RegexOptions.CultureInvariant)]
    private static partial Regex LineComment();
}
