using System.Net;
using Plotly.NET;

namespace NotebookApp;

/// <summary>
/// What the kernel does with <c>display(x)</c> and with a cell's last expression, for an exported notebook: a
/// Plotly chart becomes an HTML page (see <see cref="Notebook.ChartDirectory"/>), announced on standard error; any
/// other value is printed on standard output as the kernel's <c>text/plain</c> form (<see cref="PlainText"/>).
/// Standard output therefore carries exactly the notebook's text outputs.
/// </summary>
public static class Display
{
    /// <summary>How the line on standard error that names a written chart page starts.</summary>
    public const string ChartNotice = "chart written to ";

    private static readonly Lock Gate = new();
    private static bool scriptWritten;
    private static int chartsInCell;
    private static int chartCell = -1;

    /// <summary>Shows a value as the notebook would.</summary>
    /// <param name="value">The value.</param>
    public static void Show(object? value)
    {
        if (value is GenericChart chart)
        {
            var path = WriteChart(chart);
            Console.Out.Flush();
            Console.Error.WriteLine(ChartNotice + path);
            return;
        }
        if (Notebook.MarkersOn)
        {
            Console.WriteLine(Notebook.DisplayStart);
        }
        Console.WriteLine(PlainText.Format(value));
        if (Notebook.MarkersOn)
        {
            Console.WriteLine(Notebook.DisplayEnd);
        }
    }

    /// <summary>Writes a chart as a page that works offline: plotly.js is copied once beside it.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>The page's path.</returns>
    public static string WriteChart(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        lock (Gate)
        {
            var folder = Directory.CreateDirectory(Notebook.ChartDirectory).FullName;
            if (!scriptWritten)
            {
                PlotlyScript.Write(Path.Combine(folder, PlotlyScript.FileName));
                scriptWritten = true;
            }
            chartsInCell = chartCell == Notebook.CurrentCell ? chartsInCell + 1 : 1;
            chartCell = Notebook.CurrentCell;
            var name = $"{Notebook.Name}-cell{Notebook.CurrentCell}" + (chartsInCell > 1 ? $"-{chartsInCell}" : "") + ".html";
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, Page(chart, $"{Notebook.Name}, cell {Notebook.CurrentCell}"));
            return path;
        }
    }

    /// <summary>A whole HTML page holding one chart, loading plotly.js from the same folder.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="title">The page title.</param>
    /// <returns>The HTML.</returns>
    public static string Page(GenericChart chart, string title) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{WebUtility.HtmlEncode(title)}</title>
        <script src="{PlotlyScript.FileName}"></script>
        </head>
        <body>
        {GenericChart.toChartHTML(chart)}
        </body>
        </html>

        """;
}
