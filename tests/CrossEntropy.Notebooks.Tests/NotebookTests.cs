using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>
/// What a reader would see of one notebook, executed in a real kernel (dotnet-repl). Each numbered notebook has a
/// small sealed subclass (see Notebooks.cs) with a <c>[Trait("Notebook", name)]</c>, so that one notebook's tests can
/// be run alone: <c>dotnet test --filter "Notebook=03-softmax-example"</c>.
/// </summary>
/// <param name="notebook">The notebook's file name, e.g. <c>01-entropy.ipynb</c>.</param>
public abstract class NotebookTests(string notebook)
{
    /// <summary>The trait name that selects one notebook's tests.</summary>
    public const string Trait = "Notebook";

    /// <summary>The notebook these tests execute.</summary>
    public string Notebook { get; } = notebook;

    [Fact]
    public async Task Runs_without_errors_and_reproduces_its_committed_outputs()
    {
        var result = await NotebookRuns.ResultFor(Notebook);
        Assert.True(result.Errors.Count == 0,
            $"{Notebook} has errors:\n{string.Join("\n", result.Errors)}");
        var difference = new OutputComparer(new OutputNormalizer(NotebookRuns.Layout.Root))
            .FindFirstDifference(NotebookFile.Load(result.CommittedPath), result.Executed!);
        Assert.True(difference is null,
            $"{Notebook}: outputs differ from the committed ones at {difference}\n" +
            "If the change is intended: dotnet run --project lib/NotebookRunner -c Release -- refresh --notebook " + Notebook);
    }

    [Fact]
    public async Task Charts_render()
    {
        var result = await NotebookRuns.ResultFor(Notebook);
        Assert.NotNull(result.Executed);
        var unrendered = ChartCells.Unrendered(result.Executed);
        Assert.True(unrendered.Count == 0,
            $"{Notebook}: chart cell(s) {string.Join(", ", unrendered)} show no plotly div with data " +
            "(did the first cell call CrossEntropy.Interactive.KernelSetup.Install()?)");
    }
}

/// <summary>Every numbered notebook is tested, by exactly one class whose trait names it.</summary>
public class NotebookCatalogTests
{
    [Fact]
    public void There_are_numbered_notebooks()
    {
        Assert.NotEmpty(NotebookRuns.Layout.NumberedNotebooks());
    }

    [Fact]
    public void Every_numbered_notebook_has_one_test_class_whose_trait_names_it()
    {
        var classes = typeof(NotebookTests).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(NotebookTests)) && !t.IsAbstract)
            .Select(t => (Type: t, Instance: (NotebookTests)Activator.CreateInstance(t)!))
            .ToArray();
        foreach (var c in classes)
        {
            var stem = Path.GetFileNameWithoutExtension(c.Instance.Notebook);
            Assert.True(c.Type.GetCustomAttributesData().Any(a => a.AttributeType == typeof(TraitAttribute)
                    && a.ConstructorArguments.Select(x => x.Value).SequenceEqual([NotebookTests.Trait, stem])),
                $"{c.Type.Name} needs [Trait(NotebookTests.Trait, \"{stem}\")].");
        }
        var tested = classes.Select(c => c.Instance.Notebook).Order(StringComparer.Ordinal).ToArray();
        // Every English notebook and its Chinese edition (NN-name.zh-CN.ipynb, generated beside it).
        var expected = NotebookRuns.Layout.NumberedNotebooks()
            .SelectMany(n => new[] { n, NotebookRunner.Translation.TranslatedEdition.FileNameFor(n, NotebookRunner.Translation.TranslatedEdition.Chinese) })
            .Order(StringComparer.Ordinal).ToArray();
        var missing = expected.Except(tested).ToArray();
        Assert.True(missing.Length == 0,
            $"No test class for {string.Join(", ", missing)}: add one to Notebooks.cs, like the others.");
        Assert.Equal(expected, tested);
    }
}
