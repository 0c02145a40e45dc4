using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NotebookRunner.Export;

/// <summary>
/// Translates one code cell into what a file-based app can hold. The cell is parsed as a C# script submission, as
/// the kernel does, which tells apart its using directives, its type declarations (moved to the end of the app: a
/// file with top-level statements declares its types after them), and its statements and methods (kept in place:
/// a script method is a local function of the app's top-level statements). Kernel-only constructs are translated:
/// <c>display(x)</c> and <c>x.Display()</c> become <c>Display.Show(x)</c>, the cell's last expression written without a
/// semicolon (which the kernel displays) becomes <c>Display.Show(expression);</c>, and calls that only prepare the
/// kernel are kept as comments.
/// </summary>
/// <param name="kernelOnlyCalls">Calls that only prepare the kernel, matched by the end of the called name, for
/// example <c>KernelSetup.Install</c>.</param>
public sealed class CellTranslator(IReadOnlyList<string> kernelOnlyCalls)
{
    /// <summary>The call that replaces <c>display</c>, in the app's runtime library (lib/NotebookApp).</summary>
    public const string ShowCall = "Display.Show";

    /// <summary>The prefix of a kept-as-comment line that only the notebook needs.</summary>
    public const string NotebookOnly = "// (notebook only) ";

    private static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Preview, kind: SourceCodeKind.Script);

    // Trailing calls that return nothing: the kernel shows nothing for them, so they only get their semicolon.
    private static readonly string[] VoidCalls = ["Console.WriteLine", "Console.Write", ShowCall];

    /// <summary>Translates a cell.</summary>
    /// <param name="source">The cell's source.</param>
    /// <param name="where">The notebook and cell, for messages (e.g. <c>01-entropy.ipynb cell 5</c>).</param>
    /// <returns>The cell's parts.</returns>
    /// <exception cref="AppExportException">The cell does not parse as C#.</exception>
    public TranslatedCell Translate(string source, string where)
    {
        ArgumentNullException.ThrowIfNull(source);
        var directives = new List<KernelDirective>();
        var code = new StringBuilder();
        foreach (var line in source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (KernelDirective.Parse(line) is { } directive)
            {
                directives.Add(directive);
                code.Append('\n'); // keeps the line numbers of messages right
            }
            else
            {
                code.Append(line).Append('\n');
            }
        }
        var tree = CSharpSyntaxTree.ParseText(code.ToString(), ScriptOptions);
        if (tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            var line = error.Location.GetLineSpan().StartLinePosition.Line + 1;
            throw new AppExportException($"{where}, line {line}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} (the cell does not parse as C#)");
        }
        var root = (CompilationUnitSyntax)new DisplayRewriter().Visit(tree.GetRoot());
        var statements = new StringBuilder();
        var types = new List<string>();
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                    types.Add(TrimBlankLines(member.ToFullString()));
                    break;
                case GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement } when IsKernelOnly(statement.Expression):
                    statements.Append(member.GetLeadingTrivia().ToFullString())
                        .Append(string.Join('\n', member.WithoutTrivia().ToString().Split('\n').Select(l => NotebookOnly + l)))
                        .Append(member.GetTrailingTrivia().ToFullString());
                    break;
                case GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement }:
                    statements.Append(statement.GetLeadingTrivia().ToFullString())
                        .Append(Shown(statement.Expression))
                        .Append(statement.Expression.GetTrailingTrivia().ToFullString());
                    break;
                case MethodDeclarationSyntax method:
                    statements.Append(AsLocalFunction(method).ToFullString());
                    break;
                default:
                    statements.Append(member.ToFullString());
                    break;
            }
        }
        statements.Append(root.EndOfFileToken.LeadingTrivia.ToFullString()); // comments after the last statement
        var usings = root.Usings.Select(u => u.WithoutTrivia().ToString()).ToArray();
        return new TranslatedCell(directives, usings, TrimBlankLines(statements.ToString()), types);
    }

    private bool IsKernelOnly(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax call
        && kernelOnlyCalls.Any(name => call.Expression.WithoutTrivia().ToString().EndsWith(name, StringComparison.Ordinal));

    // The kernel displays the value of a cell's last expression; a call that returns nothing shows nothing.
    private static string Shown(ExpressionSyntax expression)
    {
        var text = expression.WithoutTrivia().ToFullString();
        return expression is InvocationExpressionSyntax call && VoidCalls.Contains(call.Expression.WithoutTrivia().ToString(), StringComparer.Ordinal)
            ? text + ";"
            : $"{ShowCall}({text});";
    }

    // A script method is a member of the submission; in an app it is a local function, which takes no access modifier.
    private static MethodDeclarationSyntax AsLocalFunction(MethodDeclarationSyntax method)
    {
        var kept = method.Modifiers.Where(m => !m.IsKind(SyntaxKind.PublicKeyword) && !m.IsKind(SyntaxKind.PrivateKeyword)
            && !m.IsKind(SyntaxKind.InternalKeyword) && !m.IsKind(SyntaxKind.ProtectedKeyword)).ToArray();
        return kept.Length == method.Modifiers.Count
            ? method
            : method.WithModifiers(SyntaxFactory.TokenList(kept)).WithLeadingTrivia(method.GetLeadingTrivia());
    }

    /// <summary>Removes blank lines at the start and end (and trailing spaces of the last line).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The trimmed text.</returns>
    public static string TrimBlankLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        var last = Array.FindLastIndex(lines, l => l.Trim().Length > 0);
        return first < 0 ? "" : string.Join('\n', lines[first..(last + 1)]).TrimEnd();
    }

    // display(x) → Display.Show(x); x.Display() → Display.Show(x).
    private sealed class DisplayRewriter : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            var call = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
            if (call.Expression is IdentifierNameSyntax { Identifier.Text: "display" } name)
            {
                return call.WithExpression(SyntaxFactory.ParseExpression(ShowCall).WithTriviaFrom(name));
            }
            if (call.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Display" } member && call.ArgumentList.Arguments.Count == 0)
            {
                return SyntaxFactory.InvocationExpression(SyntaxFactory.ParseExpression(ShowCall),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(member.Expression.WithoutTrivia()))))
                    .WithTriviaFrom(call);
            }
            return call;
        }
    }
}
