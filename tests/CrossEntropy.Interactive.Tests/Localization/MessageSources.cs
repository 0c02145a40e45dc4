using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CrossEntropy.Interactive.Tests.Localization;

/// <summary>
/// The message templates of lib/CrossEntropy.Interactive, read from its source with Roslyn: the argument of every
/// <c>Tr(…)</c> call (a string literal, an interpolated string, whose key has <c>{0}</c>, <c>{1}</c>… for its holes as
/// <c>MessageTemplate</c> builds it, or a constant of the library naming one), and every prose literal of the exercise
/// checks that is NOT passed to <c>Tr</c>, which a Chinese reader would see in English.
/// </summary>
internal static class MessageSources
{
    public static string LibraryDirectory { get; } = Path.Combine(RepositoryRoot(), "lib", "CrossEntropy.Interactive");

    private static readonly Lazy<IReadOnlyList<SyntaxTree>> Trees = new(() =>
        Directory.EnumerateFiles(LibraryDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path))
            .ToList());

    /// <summary>A template and where it is used (file:line), for failure messages.</summary>
    public sealed record Template(string Key, string Location);

    /// <summary>Every template passed to <c>Tr</c> in the library.</summary>
    public static IReadOnlyList<Template> Templates() =>
        Trees.Value.SelectMany(tree => TrArguments(tree).Select(argument => new Template(Key(argument), Where(argument)))).ToList();

    /// <summary>
    /// Prose (a space and a letter) in a string literal of the exercise checks that reaches no <c>Tr</c>: not a
    /// <c>Tr</c> argument or inside one, not a constant that is one, not an exception's message for the notebook's
    /// author (thrown), and not the HTML markup of <c>ToHtml</c>.
    /// </summary>
    public static IReadOnlyList<Template> UntranslatedProse()
    {
        var exercises = Path.Combine(LibraryDirectory, "Exercises");
        var keyConstants = Trees.Value.SelectMany(TrArguments).OfType<IdentifierNameSyntax>()
            .Select(name => name.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
        return Trees.Value
            .Where(tree => tree.FilePath.StartsWith(exercises, StringComparison.Ordinal))
            .SelectMany(tree => tree.GetRoot().DescendantNodes())
            .Where(node => node is InterpolatedStringExpressionSyntax
                || node.IsKind(SyntaxKind.StringLiteralExpression))
            .Where(node => IsProse(Key(node)))
            .Where(node => !node.AncestorsAndSelf().Any(a => IsTrArgument(a) || a is ThrowExpressionSyntax or ThrowStatementSyntax
                || a is MethodDeclarationSyntax { Identifier.ValueText: "ToHtml" }
                || a is VariableDeclaratorSyntax declarator && keyConstants.Contains(declarator.Identifier.ValueText)))
            .Select(node => new Template(Key(node), Where(node)))
            .ToList();
    }

    /// <summary>Tr arguments that are neither a literal nor a constant of the library: their key cannot be known.</summary>
    public static IReadOnlyList<Template> UncollectableArguments() =>
        Trees.Value.SelectMany(TrArguments)
            .Where(argument => argument is not (LiteralExpressionSyntax or InterpolatedStringExpressionSyntax)
                && !(argument is IdentifierNameSyntax name && Constant(name.Identifier.ValueText) is not null))
            .Select(argument => new Template(argument.ToString(), Where(argument)))
            .ToList();

    private static IEnumerable<ExpressionSyntax> TrArguments(SyntaxTree tree) =>
        tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(IsTr)
            .Select(call => call.ArgumentList.Arguments[0].Expression);

    private static bool IsTr(InvocationExpressionSyntax call) =>
        call.ArgumentList.Arguments.Count == 1 && call.Expression switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText == "Tr",
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == "Tr",
            _ => false,
        };

    private static bool IsTrArgument(SyntaxNode node) =>
        node is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } && IsTr(call);

    // The catalog key of a Tr argument, exactly as Messages.Tr looks it up.
    private static string Key(SyntaxNode node) => node switch
    {
        LiteralExpressionSyntax literal => literal.Token.ValueText,
        InterpolatedStringExpressionSyntax interpolated => InterpolatedKey(interpolated),
        IdentifierNameSyntax name => Constant(name.Identifier.ValueText)
            ?? throw new InvalidOperationException($"{Where(node)}: Tr({name}) names no string constant of the library."),
        _ => node.ToString(),
    };

    // Literal parts with their braces doubled, holes numbered from 0: what MessageTemplate builds at run time.
    private static string InterpolatedKey(InterpolatedStringExpressionSyntax interpolated)
    {
        var key = new StringBuilder();
        var holes = 0;
        foreach (var part in interpolated.Contents)
        {
            key.Append(part is InterpolatedStringTextSyntax text ? Escape(text.TextToken.ValueText) : "{" + holes++ + "}");
        }
        return key.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    private static string? Constant(string name) =>
        Trees.Value.SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<FieldDeclarationSyntax>())
            .Where(field => field.Modifiers.Any(SyntaxKind.ConstKeyword))
            .SelectMany(field => field.Declaration.Variables)
            .Where(variable => variable.Identifier.ValueText == name)
            .Select(variable => variable.Initializer?.Value)
            .OfType<LiteralExpressionSyntax>()
            .Select(literal => literal.Token.ValueText)
            .FirstOrDefault();

    private static bool IsProse(string text) => text.Contains(' ', StringComparison.Ordinal) && text.Any(char.IsAsciiLetter);

    private static string Where(SyntaxNode node)
    {
        var line = node.GetLocation().GetLineSpan();
        return $"{Path.GetRelativePath(LibraryDirectory, line.Path)}:{line.StartLinePosition.Line + 1}";
    }

    private static bool IsBuildOutput(string path)
    {
        var relative = Path.GetRelativePath(LibraryDirectory, path).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrossEntropyNotebooks.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No CrossEntropyNotebooks.sln above {AppContext.BaseDirectory}.");
    }
}
