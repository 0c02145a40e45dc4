using System.Text.Json.Nodes;

namespace CrossEntropy.Site.Tests;

/// <summary>
/// No series of a committed chart hides another: where two line traces of one panel pass through the same points, the
/// one drawn later (on top) must let the earlier one show, by a dash pattern or by being thinner.
/// </summary>
public sealed class HiddenSeriesTests
{
    /// <summary>Points in a row two traces must share before one can be said to hide the other.</summary>
    private const int SharedRun = 3;

    public static TheoryData<string> NotebookFiles() => new(Repo.Notebooks.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(NotebookFiles))]
    public void No_series_is_drawn_exactly_over_another(string notebookFile)
    {
        var notebook = Notebook.Load(Repo.Notebooks.Single(n => Path.GetFileName(n) == notebookFile));
        var problems = new List<string>();
        for (var c = 0; c < notebook.Cells.Count; c++)
        {
            foreach (var output in notebook.Cells[c].Outputs.Where(PlotlyOutput.IsChart))
            {
                problems.AddRange(Hidden(PlotlyOutput.Parse(output.Data["text/html"])).Select(p => $"cell {c + 1}: {p}"));
            }
        }
        Assert.True(problems.Count == 0, $"{notebookFile}:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void A_solid_line_drawn_over_the_same_points_hides_the_one_below_and_a_dashed_one_does_not()
    {
        static JsonObject Trace(string name, string? dash, double width = 2) => new()
        {
            ["type"] = "scatter", ["name"] = name, ["x"] = new JsonArray(1.0, 2.0, 3.0, 4.0), ["y"] = new JsonArray(5.0, 6.0, 7.0, 8.0),
            ["line"] = dash is null ? new JsonObject { ["width"] = width } : new JsonObject { ["width"] = width, ["dash"] = dash },
        };
        var solid = new PlotlyFigure("c", new JsonArray(Trace("below", null), Trace("above", null)), [], []);
        var dashed = new PlotlyFigure("c", new JsonArray(Trace("below", null), Trace("above", "dash")), [], []);
        var thinner = new PlotlyFigure("c", new JsonArray(Trace("below", null, 4), Trace("above", null, 1.5)), [], []);
        Assert.Single(Hidden(solid));
        Assert.Empty(Hidden(dashed));
        Assert.Empty(Hidden(thinner));
    }

    /// <summary>Each pair (earlier, later) of line traces on one panel that share a run of points and where the later
    /// one is solid and at least as wide.</summary>
    private static IEnumerable<string> Hidden(PlotlyFigure chart)
    {
        var traces = chart.Data.AsArray().OfType<JsonObject>()
            .Where(t => ((string?)t["type"] ?? "scatter") == "scatter" && !((string?)t["mode"] ?? "lines").Equals("markers", StringComparison.Ordinal))
            .ToList();
        for (var upper = 1; upper < traces.Count; upper++)
        {
            for (var lower = 0; lower < upper; lower++)
            {
                var (a, b) = (traces[lower], traces[upper]);
                if (Axes(a) != Axes(b) || (string?)b["line"]?["dash"] is { } dash && dash != "solid"
                    || Width(b) < Width(a) || SharedPoints(a, b) < SharedRun)
                {
                    continue;
                }
                yield return $"\"{b["name"]}\" is drawn over \"{a["name"]}\" through {SharedPoints(a, b)} points in a row";
            }
        }
    }

    private static string Axes(JsonObject trace) => $"{(string?)trace["xaxis"] ?? "x"}/{(string?)trace["yaxis"] ?? "y"}";

    private static double Width(JsonObject trace) => trace["line"]?["width"] is JsonValue w ? w.GetValue<double>() : 2;

    /// <summary>The longest run of consecutive points at which both traces have the same finite (x, y).</summary>
    private static int SharedPoints(JsonObject a, JsonObject b)
    {
        var pa = Points(a).ToHashSet();
        int best = 0, run = 0;
        foreach (var point in Points(b))
        {
            run = pa.Contains(point) ? run + 1 : 0;
            best = Math.Max(best, run);
        }
        return best;
    }

    private static IEnumerable<(double X, double Y)> Points(JsonObject trace)
    {
        if (trace["x"] is not JsonArray xs || trace["y"] is not JsonArray ys)
        {
            yield break;
        }
        for (var i = 0; i < Math.Min(xs.Count, ys.Count); i++)
        {
            if (xs[i] is JsonValue x && ys[i] is JsonValue y && x.TryGetValue<double>(out var xv) && y.TryGetValue<double>(out var yv))
            {
                yield return (xv, yv);
            }
        }
    }
}
