using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookSite;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>A number as a page writes it: its text, value, significant digits and place in the text.</summary>
/// <param name="Text">As written ("0.7370", "2,097.2", "6.347600E-016").</param>
/// <param name="Value">Its value, sign dropped; a percentage is read as a fraction too (see <paramref name="Percent"/>).</param>
/// <param name="Digits">Significant digits as written: leading zeros never count, trailing zeros count after a decimal
/// point ("0.7370" has 4) but not in an integer ("1000" has 1, "4,096" has 4).</param>
/// <param name="Percent">Whether a % sign follows it (then Value / 100 is also what it says).</param>
/// <param name="Start">Where it starts in the text.</param>
/// <param name="End">Where it ends.</param>
internal sealed record WrittenNumber(string Text, double Value, int Digits, bool Percent, int Start, int End);

/// <summary>Where a page shows something: the cell (1-based, as the runner counts) and which part of it.</summary>
/// <param name="Cell">The cell's 1-based position.</param>
/// <param name="Part">"prose", "code" or "output".</param>
/// <param name="Text">The text a reader sees there.</param>
internal sealed record PageText(int Cell, string Part, string Text);

/// <summary>
/// Finds an exercise's answer shown on its notebook's page, the page as the web edition shows it before any click:
/// everything except what <see cref="SolutionFolding"/> folds (cells tagged <c>solution</c>, solution regions, every
/// output of a cell that has one, every verdict). Prose, code and outputs are read; chart data is not (it is drawn,
/// not written). The page is read from its first cell up to the next exercise's statement: before the exercise and
/// around it (its statement, its cells, what follows until the next exercise).
/// <para>
/// The rule for numbers. A number on the page shows an answer value v when, written with k significant digits, it is
/// v rounded to k digits, and k ≥ 3 (1.5 or 0.25 say nothing); with k ≥ 5 it may also be that value in another
/// power-of-ten unit (2,097.2 MB for 2,097,152,000 bytes, 73.697 % for 0.73697), a coincidence too unlikely to ignore. A value is looked for alone only when it needs 3 or
/// more significant digits itself (0.5, 1, 88, 0.25 and 1000 are too common on any page to point at an answer). Two or
/// more answer numbers (a vector, or a cell's several answer variables) are also looked for as a printed sequence,
/// "[0.0987, -0.0987]" or "(0.5, 0.25)": numbers next to each other, in order, with only punctuation between them,
/// each equal to its answer number exactly or rounded at 3 digits or more, and together written with 3 significant
/// digits or more (so "(0, 1)" or "[0.5, 0.5]" is not enough). Signs are ignored; "4.21 %" is also read as 0.0421.
/// A value (or sequence) that the exercise's own statement data writes (the statement cell and the check cell's
/// visible code) is an input, not a leak, and is not looked for. When the statement asks for the exact value ("exact",
/// "exactly", "bit for bit"), a non-integer answer is an exact floating-point result, and only a number written with
/// all the digits of its shortest form shows it: the 88.72 a lesson is about does not give away the float 88.72283. Strings of 4 characters or more that are not numbers
/// are looked for as they are.
/// </para>
/// </summary>
internal static partial class PageLeakScanner
{
    private const int MinimumDigits = 3;
    private const int LongestSeparator = 6;
    private const int ScaledDigits = 5;

    /// <summary>Every number written in a text, in order.</summary>
    public static IReadOnlyList<WrittenNumber> Numbers(string text) =>
        Number().Matches(text).Select(m =>
        {
            var mantissa = m.Groups["m"].Value.Replace(",", "", StringComparison.Ordinal);
            var exponent = m.Groups["e"].Success ? m.Groups["e"].Value.Replace('−', '-') : "0";
            var value = double.Parse(mantissa + "e" + exponent, NumberStyles.Float, CultureInfo.InvariantCulture);
            var digits = mantissa.Contains('.', StringComparison.Ordinal)
                ? mantissa.Replace(".", "", StringComparison.Ordinal).TrimStart('0').Length
                : mantissa.TrimStart('0').TrimEnd('0').Length;
            return new WrittenNumber(m.Value, value, digits, m.Groups["percent"].Success, m.Index, m.Index + m.Length);
        }).ToArray();

    /// <summary>Whether a written number is <paramref name="value"/> rounded to its digits, with at least 3 of them.</summary>
    public static bool Rounds(WrittenNumber number, double value) => Rounds(number, value, MinimumDigits);

    private static bool Rounds(WrittenNumber number, double value, int minimumDigits)
    {
        if (number.Digits < minimumDigits || !double.IsFinite(value) || value == 0)
        {
            return false;
        }
        var rounded = RoundTo(Math.Abs(value), number.Digits);
        return Values(number).Any(w => Same(w, rounded))
            || (number.Digits >= ScaledDigits && Same(Mantissa(number.Value), Mantissa(rounded)));
    }

    /// <summary>Whether a written number is <paramref name="value"/> exactly, or rounded at 3 digits or more.</summary>
    public static bool Shows(WrittenNumber number, double value) =>
        Rounds(number, value) || Values(number).Any(w => Same(w, Math.Abs(value)));

    /// <summary>Whether a value is distinctive enough to be looked for alone: it needs 3 significant digits or more.</summary>
    public static bool IsDistinctive(double value) =>
        double.IsFinite(value) && value != 0 && SignificantDigits(Math.Abs(value)) >= MinimumDigits;

    /// <summary>The places in <paramref name="text"/> that show <paramref name="value"/> alone (empty if it is not distinctive).</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The answer value.</param>
    /// <param name="exact">The statement asks for the exact value: a non-integer answer then shows only with all the
    /// digits of its shortest form (an exact floating-point boundary such as 88.72283 is not given away by the
    /// 88.72 the lesson is about); an integer (a count, a size) shows at 3 digits or more all the same.</param>
    public static IEnumerable<string> FindValue(string text, double value, bool exact = false)
    {
        var minimumDigits = exact && value != Math.Round(value) ? SignificantDigits(Math.Abs(value)) : MinimumDigits;
        return IsDistinctive(value) ? Numbers(text).Where(n => Rounds(n, value, minimumDigits)).Select(n => n.Text) : [];
    }

    /// <summary>The places in <paramref name="text"/> that print <paramref name="values"/> as a sequence (2 or more values).</summary>
    public static IEnumerable<string> FindSequence(string text, IReadOnlyList<double> values)
    {
        if (values.Count < 2 || values.Any(v => !double.IsFinite(v)))
        {
            yield break;
        }
        var numbers = Numbers(text);
        for (var start = 0; start + values.Count <= numbers.Count; start++)
        {
            var run = numbers.Skip(start).Take(values.Count).ToArray();
            var matches = run.Select((n, i) => Shows(n, values[i])).All(m => m)
                && run.Sum(n => n.Digits) >= MinimumDigits
                && run.Zip(run.Skip(1)).All(p => IsSeparator(text[p.First.End..p.Second.Start]));
            if (matches)
            {
                yield return text[run[0].Start..run[^1].End];
            }
        }
    }

    /// <summary>
    /// What a leak of one answer looks like: each number looked for alone, each sequence, each long string. Built from
    /// a check cell's answer variables (as the probe recorded them): a number, an array of numbers, a string.
    /// </summary>
    public sealed record Answer(IReadOnlyList<double> Singles, IReadOnlyList<IReadOnlyList<double>> Sequences, IReadOnlyList<string> Strings)
    {
        /// <summary>
        /// The answer of one check cell from its variables' values: every number alone; each array, and all the numbers
        /// of two or more variables in order, as sequences.
        /// </summary>
        public static Answer Of(IReadOnlyList<JsonNode?> variables)
        {
            var numbers = variables.SelectMany(AnswerProbe.Leaves).Where(IsNumber).Select(n => n.GetValue<double>()).ToArray();
            var sequences = variables.OfType<JsonArray>()
                .Select(a => (IReadOnlyList<double>)AnswerProbe.Leaves(a).Where(IsNumber).Select(n => n.GetValue<double>()).ToArray())
                .ToList();
            if (variables.Count(v => v is JsonArray || (v is JsonValue value && IsNumber(value))) >= 2)
            {
                sequences.Add(numbers); // several answer variables printed together: (0.5, 0.25), or [0.5, 0.5], [1, 0]
            }
            var strings = variables.SelectMany(AnswerProbe.Leaves)
                .Where(v => v.GetValueKind() == JsonValueKind.String)
                .Select(v => v.GetValue<string>())
                .Where(s => s.Length >= 4 && !double.TryParse(s, CultureInfo.InvariantCulture, out _))
                .ToArray();
            return new Answer(numbers.Distinct().ToArray(), sequences.Where(s => s.Count >= 2).ToArray(), strings.Distinct(StringComparer.Ordinal).ToArray());
        }

        /// <summary>What of this answer <paramref name="text"/> shows: "value → as written" for each hit.</summary>
        public IEnumerable<string> FoundIn(string text, bool exact = false) =>
            Singles.SelectMany(v => FindValue(text, v, exact).Select(w => $"{Show(v)} as \"{w}\""))
                .Concat(Sequences.SelectMany(s => FindSequence(text, s).Select(w => $"[{string.Join(", ", s.Select(Show))}] as \"{w}\"")))
                .Concat(Strings.Where(s => text.Contains(s, StringComparison.Ordinal)).Select(s => $"\"{s}\""));

        /// <summary>This answer without what the exercise's own statement writes (its inputs are not leaks).</summary>
        public Answer Without(string statement) => new(
            Singles.Where(v => !Numbers(statement).Any(n => Shows(n, v))).ToArray(),
            Sequences.Where(s => !FindSequence(statement, s).Any()).ToArray(),
            Strings.Where(s => !statement.Contains(s, StringComparison.Ordinal)).ToArray());

        private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static bool IsNumber(JsonNode node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;
    }

    /// <summary>The notebook's page as the site shows it before any click, cell by cell.</summary>
    public static IReadOnlyList<PageText> Page(Notebook notebook)
    {
        var texts = new List<PageText>();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.HasTag(NotebookConventions.Default.SolutionTag))
            {
                continue; // folded whole
            }
            if (cell.Kind != CellKind.Code)
            {
                texts.Add(new PageText(i + 1, "prose", cell.Source));
                continue;
            }
            var segments = SolutionRegions.Segments(cell, notebook.FileName);
            texts.Add(new PageText(i + 1, "code", string.Concat(segments.Where(s => !s.IsSolution).Select(s => s.Text))));
            if (segments.Any(s => s.IsSolution))
            {
                continue; // its outputs are folded: they were computed from the answer
            }
            texts.AddRange(cell.Outputs.Where(o => !SolutionFolding.IsVerdict(o))
                .Select(o => new PageText(i + 1, "output", OutputText(o))));
        }
        return texts;
    }

    /// <summary>
    /// The answer leaks of one notebook: for each check cell, what the page shows of its answer from the first cell
    /// to the next exercise's statement. Each line names the notebook, the exercise, its check cell and where the
    /// answer shows.
    /// </summary>
    /// <param name="notebook">The teacher notebook as committed (its outputs are what the site shows).</param>
    /// <param name="answers">Check cell (1-based) → its answer variables' values, from <see cref="AnswerProbe"/>.</param>
    public static IReadOnlyList<string> Leaks(Notebook notebook, IReadOnlyDictionary<int, IReadOnlyList<JsonNode?>> answers)
    {
        var page = Page(notebook);
        var statements = notebook.Cells.Select((c, i) => (Cell: c, Number: i + 1))
            .Where(c => c.Cell.HasTag(NotebookConventions.Default.ExerciseTag)).ToArray();
        var leaks = new List<string>();
        foreach (var (checkCell, variables) in answers.OrderBy(a => a.Key))
        {
            var statement = statements.LastOrDefault(s => s.Number < checkCell);
            var nextStatement = statements.FirstOrDefault(s => s.Number > checkCell).Number;
            var ownData = (statement.Cell?.Source ?? "") + "\n" + string.Concat(page.Where(t => t.Cell == checkCell && t.Part == "code").Select(t => t.Text));
            var answer = Answer.Of(variables).Without(ownData);
            var exercise = statement.Cell is null ? "(no exercise statement before it)" : ExerciseName(statement.Cell.Source);
            var exact = statement.Cell is not null && AsksExact().IsMatch(statement.Cell.Source);
            leaks.AddRange(from text in page
                           where nextStatement == 0 || text.Cell < nextStatement
                           from hits in answer.FoundIn(text.Text, exact).GroupBy(h => h, StringComparer.Ordinal)
                           let times = hits.Count() == 1 ? "" : $" ({hits.Count()} times)"
                           select $"{notebook.FileName}, {exercise} (check cell {checkCell}): answer {hits.Key} in cell {text.Cell} {text.Part}{times}");
        }
        return leaks;
    }

    private static string ExerciseName(string statement) =>
        SolutionRegions.Lines(statement).Select(l => l.Trim().TrimStart('#').Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty statement)";

    /// <summary>An output's visible text: stream and text entries, HTML without its tags, no chart data.</summary>
    private static string OutputText(CellOutput output) => string.Join("\n", output.Data
        .Where(d => d.Key.StartsWith("text/", StringComparison.Ordinal))
        .Where(d => d.Key != "text/html" || !PlotlyOutput.IsChartHtml(d.Value))
        .Select(d => d.Key == "text/html" ? WebUtility.HtmlDecode(Tag().Replace(d.Value, " ")) : d.Value));

    private static IEnumerable<double> Values(WrittenNumber number) =>
        number.Percent ? [number.Value, number.Value / 100] : [number.Value];

    // x / 10^⌊log₁₀ x⌋, in [1, 10): the digits without the scale.
    private static double Mantissa(double x) => x == 0 ? 0 : x / Math.Pow(10, Math.Floor(Math.Log10(x) + 1e-12));

    private static bool IsSeparator(string between) =>
        between.Length <= LongestSeparator && between.All(c => !char.IsLetterOrDigit(c));

    private static double RoundTo(double value, int digits) =>
        double.Parse(value.ToString("E" + (Math.Min(digits, 17) - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            CultureInfo.InvariantCulture);

    private static bool Same(double written, double value) =>
        written == value || Math.Abs(written - value) <= 1e-12 * Math.Abs(value);

    // The significant digits of a value's shortest round-trip form ("0.25" has 2, "1000" has 1, "2.0794415416798357" 17).
    private static int SignificantDigits(double value)
    {
        var mantissa = value.ToString("R", CultureInfo.InvariantCulture).Split('E')[0];
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        return (mantissa.Contains('.', StringComparison.Ordinal) ? digits : digits.TrimEnd('0')).Length;
    }

    // A number: digits with optional thousands separators, a fraction, an exponent (ASCII or Unicode minus), and a %.
    // Not part of a word or a longer number ("float32", "x1", "1.2.3").
    [GeneratedRegex(@"(?<![\w.])(?<m>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE](?<e>[-+−]?\d+))?(?![\w]|\.\d)(?<percent>\s?%)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\bexact(ly)?\b|\bbit for bit\b|\bto the last bit\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksExact();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
