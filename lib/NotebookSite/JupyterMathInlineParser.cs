using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;

namespace NotebookSite;

/// <summary>
/// Inline math with Jupyter's rule instead of Markdig's: <c>$…$</c> opens on a <c>$</c> not followed by whitespace and
/// closes on the next <c>$</c> not preceded by whitespace and not followed by a digit, whatever comes after it, so
/// <c>"$n$是数据的维度"</c> and <c>"$x_i$s"</c> are math as in Jupyter and VS Code (Markdig wants whitespace or
/// punctuation after the closing <c>$</c>). <c>$$…$$</c> inside a paragraph is displayed math. Being a parser, it
/// sees what Markdig has not consumed yet: an escaped <c>\$</c> is text, code spans keep their dollars, and a
/// backslash inside the formula escapes the next character (<c>$a \$ b$</c> is one formula).
/// "costs $5 and $6" has no formula: its second <c>$</c> follows a space.
/// </summary>
public sealed class JupyterMathInlineParser : InlineParser
{
    /// <summary>Opens on <c>$</c>.</summary>
    public JupyterMathInlineParser() => OpeningCharacters = ['$'];

    /// <inheritdoc/>
    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        ArgumentNullException.ThrowIfNull(processor);
        var text = slice.Text;
        var open = slice.Start;
        if (open > 0 && text[open - 1] == '$')
        {
            return false; // the second dollar of a run that did not open
        }
        var dollars = open + 1 <= slice.End && text[open + 1] == '$' ? 2 : 1;
        var contentStart = open + dollars;
        if (contentStart > slice.End || char.IsWhiteSpace(text[contentStart]) || text[contentStart] == '$')
        {
            return false;
        }
        var close = FindClose(text, contentStart, slice.End, dollars);
        if (close < 0)
        {
            return false;
        }
        var inline = new MathInline
        {
            Delimiter = '$',
            DelimiterCount = dollars,
            Content = new StringSlice(text, contentStart, close - 1),
            Span = new SourceSpan(processor.GetSourcePosition(open, out var line, out var column), processor.GetSourcePosition(close + dollars - 1)),
            Line = line,
            Column = column,
        };
        processor.Inline = inline;
        slice.Start = close + dollars;
        return true;
    }

    /// <summary>Where the closing delimiter starts, or -1. A single <c>$</c> closes when it is not preceded by
    /// whitespace and not followed by a digit or another <c>$</c>; <c>$$</c> closes at the next <c>$$</c>.</summary>
    private static int FindClose(string text, int from, int end, int dollars)
    {
        for (var i = from; i <= end; i++)
        {
            if (text[i] == '\\')
            {
                i++; // \$ and \\ inside a formula are TeX's
                continue;
            }
            if (text[i] != '$')
            {
                continue;
            }
            if (dollars == 2)
            {
                if (i + 1 <= end && text[i + 1] == '$' && i > from)
                {
                    return i;
                }
                return -1; // a lone $ inside $$…$$ ends nothing and starts nothing
            }
            var after = i + 1 <= end ? text[i + 1] : '\0';
            return char.IsWhiteSpace(text[i - 1]) || char.IsAsciiDigit(after) || after == '$' ? -1 : i;
        }
        return -1;
    }
}
