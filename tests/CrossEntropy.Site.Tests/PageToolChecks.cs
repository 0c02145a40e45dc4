using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NotebookSite;

namespace CrossEntropy.Site.Tests;

/// <summary>
/// Checks of a notebook page's tools that the browser test runs on the page it has already loaded (one load serving
/// several checks): the folded answers and the copy buttons. Each returns its problems, one line each (empty when all is
/// well), and what it checked.
/// </summary>
internal static partial class PageToolChecks
{
    /// <summary>Replaces the clipboard by a recorder (<c>window.copied</c>) before a page loads: a file:// page gets no
    /// clipboard permission in a headless browser.</summary>
    public const string ClipboardRecorder = """
        window.copied = [];
        Object.defineProperty(navigator, 'clipboard', { configurable: true,
          value: { writeText: text => { window.copied.push(text); return Promise.resolve(); } } });
        """;

    /// <summary>
    /// Clicking a code cell's copy button (labelled in the page's language) puts that cell's source on the clipboard
    /// (<see cref="ClipboardRecorder"/>) and the button says it copied. Checked on up to 12 code cells that hold no
    /// answer (those are split around their folded answer).
    /// </summary>
    public static async Task<(List<string> Problems, int Clicked)> CopyProblemsAsync(IPage page, Notebook notebook, SiteText text)
    {
        var problems = new List<string>();
        var codeCells = notebook.Cells.Where(c => c.Kind == CellKind.Code && (c.Source.Trim().Length > 0 || c.Outputs.Count > 0)).ToArray();
        var cells = page.Locator("main .cell.code");
        if (codeCells.Length != await cells.CountAsync())
        {
            return ([$"{codeCells.Length} code cells in the notebook, {await cells.CountAsync()} on the page"], 0);
        }
        var clicked = 0;
        for (var i = 0; i < codeCells.Length && clicked < 12; i++)
        {
            if (codeCells[i].HasTag(NotebookConventions.Default.SolutionTag) || SolutionRegions.HasMarkers(codeCells[i].Source) || codeCells[i].Source.Trim().Length == 0)
            {
                continue;
            }
            var button = cells.Nth(i).Locator(".copy-button");
            var label = await button.TextContentAsync();
            await button.ClickAsync();
            var copied = await page.EvaluateAsync<string[]>("() => window.copied");
            var after = await button.TextContentAsync();
            if (label != text.Script["copy"] || after != text.Script["copied"])
            {
                problems.Add($"code cell {i + 1}: the button reads \"{label}\", then \"{after}\"");
            }
            if (copied.Length == 0 || codeCells[i].Source.TrimEnd() != copied[^1].TrimEnd())
            {
                problems.Add($"code cell {i + 1}: copied \"{(copied.Length == 0 ? "nothing" : copied[^1][..Math.Min(60, copied[^1].Length)])}\"");
            }
            clicked++;
        }
        if (clicked == 0)
        {
            problems.Add("no code cell to copy");
        }
        return (problems, clicked);
    }

    /// <summary>
    /// The site folds every answer, whatever the notebook's tags: before any click, no line of solution code and no
    /// check verdict is visible on the page; after clicking every fold (labelled in the page's language), all of them
    /// are. What counts as an answer is read from the notebook itself (its solution regions and its verdict outputs),
    /// and visibility is the browser's own (<c>checkVisibility</c> on each text node's element).
    /// </summary>
    public static async Task<(List<string> Problems, int Answers, int Folds)> AnswerProblemsAsync(IPage page, Notebook notebook, SiteText text)
    {
        var answers = Answers(notebook);
        var problems = new List<string>();
        var before = Collapse(await page.EvaluateAsync<string>(VisibleText));
        problems.AddRange(answers.Where(a => before.Contains(a.Text, StringComparison.Ordinal)).Select(a => $"visible before any click: {a}"));

        var summaries = page.Locator("main details > summary", new() { HasTextString = text.ShowSolution });
        var count = await summaries.CountAsync();
        if (answers.Count > 0 && count == 0)
        {
            problems.Add($"{answers.Count} answers and no \"{text.ShowSolution}\" to click");
        }
        for (var i = 0; i < count; i++)
        {
            await summaries.Nth(i).ClickAsync();
        }
        var after = Collapse(await page.EvaluateAsync<string>(VisibleText));
        problems.AddRange(answers.Where(a => !after.Contains(a.Text, StringComparison.Ordinal))
            .Select(a => $"still hidden after clicking all {count} \"{text.ShowSolution}\": {a}"));
        return (problems, answers.Count, count);
    }

    private sealed record AnswerText(int Cell, string Kind, string Text)
    {
        public override string ToString() => $"cell {Cell} {Kind}: {Text}";
    }

    /// <summary>
    /// The answers of a notebook as text a page would show: each distinctive line of solution code (20 characters or
    /// more besides spaces, not a comment), and each verdict output's message (the text after its label and exercise).
    /// </summary>
    private static List<AnswerText> Answers(Notebook notebook)
    {
        var answers = new List<AnswerText>();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind != CellKind.Code)
            {
                continue;
            }
            answers.AddRange(SolutionRegions.Segments(cell, notebook.FileName).Where(s => s.IsSolution)
                .SelectMany(s => s.Lines).Select(l => l.Trim())
                .Where(l => !l.StartsWith("//", StringComparison.Ordinal) && Collapse(l).Replace(" ", "", StringComparison.Ordinal).Length >= 20)
                .Select(l => new AnswerText(i + 1, "solution code", Collapse(l))));
            foreach (var output in cell.Outputs.Where(SolutionFolding.IsVerdict))
            {
                var plain = output.Data.GetValueOrDefault("text/plain", "");
                var message = plain.Split(" — ", 2);
                if (message.Length == 2)
                {
                    answers.Add(new AnswerText(i + 1, "verdict", Collapse(message[1])));
                }
            }
        }
        return answers;
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // The text of every text node whose element the browser shows (closed <details> content is not shown).
    private const string VisibleText = """
        () => {
          const out = [];
          const walk = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
          while (walk.nextNode()) {
            const element = walk.currentNode.parentElement;
            if (element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) out.push(walk.currentNode.data);
          }
          return out.join('');
        }
        """;
}
