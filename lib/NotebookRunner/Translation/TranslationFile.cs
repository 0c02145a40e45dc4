using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace NotebookRunner.Translation;

/// <summary>One cell's translation: the whole markdown, or the text pairs applied to the English code.</summary>
/// <param name="Cell">The English cell's 1-based position.</param>
/// <param name="Type"><c>markdown</c> or <c>code</c>.</param>
/// <param name="EnglishHash">The <see cref="TranslationFile.HashOf"/> of the English source it translates.</param>
/// <param name="Markdown">The translated markdown (markdown entries).</param>
/// <param name="Pairs">English substring → translation, applied in order (code entries).</param>
public sealed record TranslationEntry(int Cell, string Type, string EnglishHash, string? Markdown,
    IReadOnlyList<(string English, string Translated)> Pairs);

/// <summary>
/// A notebook's translation file, <c>notebooks/translations/&lt;language&gt;/NN-name.json</c>:
/// <c>{"notebook": "01-entropy.ipynb", "language": "zh-CN", "cells": [{"cell", "type", "en", "zh" | "text"}]}</c>
/// (the translated markdown is under <c>"zh"</c> whatever the language),
/// one entry per English cell, in order.
/// </summary>
/// <param name="Notebook">The English notebook's file name.</param>
/// <param name="Language">The language tag, e.g. <c>zh-CN</c>.</param>
/// <param name="Entries">The entries, in file order.</param>
public sealed record TranslationFile(string Notebook, string Language, IReadOnlyList<TranslationEntry> Entries)
{
    /// <summary>
    /// The hash a translation records: the first 16 hex digits (lower case) of SHA-256 over the UTF-8 bytes of the
    /// English cell's source (the ipynb <c>source</c> lines joined with nothing).
    /// </summary>
    /// <param name="source">The English cell's source.</param>
    /// <returns>16 hex digits.</returns>
    public static string HashOf(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
    }

    /// <summary>Reads a translation file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The translation.</returns>
    /// <exception cref="InvalidDataException">The file is not in the format above; the message names the file and entry.</exception>
    public static TranslationFile Load(string path)
    {
        var name = Path.GetFileName(path);
        var root = JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8)) as JsonObject
            ?? throw new InvalidDataException($"{name}: top level is not a JSON object.");
        string Required(JsonObject o, string key, string where) =>
            (o[key] as JsonValue)?.TryGetValue(out string? s) == true && s is not null
                ? s
                : throw new InvalidDataException($"{name}: {where} has no string \"{key}\".");
        var cells = root["cells"] as JsonArray ?? throw new InvalidDataException($"{name}: no \"cells\" array.");
        var language = Required(root, "language", "the file");
        var entries = cells.Select((node, i) =>
        {
            var where = $"entry {i + 1}";
            var o = node as JsonObject ?? throw new InvalidDataException($"{name}: {where} is not an object.");
            var cell = (o["cell"] as JsonValue)?.TryGetValue(out int n) == true ? n
                : throw new InvalidDataException($"{name}: {where} has no integer \"cell\".");
            var type = Required(o, "type", where);
            var hash = Required(o, "en", where);
            if (type == "markdown")
            {
                return new TranslationEntry(cell, type, hash, Required(o, "zh", where), []);
            }
            var pairs = (o["text"] as JsonArray ?? throw new InvalidDataException($"{name}: {where} (code) has no \"text\" array."))
                .Select((p, k) => p is JsonArray { Count: 2 } pair
                                  && pair[0] is JsonValue a && a.TryGetValue(out string? en) && en is { Length: > 0 }
                                  && pair[1] is JsonValue b && b.TryGetValue(out string? tr) && tr is not null
                    ? (en, tr)
                    : throw new InvalidDataException($"{name}: {where}, text pair {k + 1} is not [\"English\", \"translation\"]."))
                .ToArray();
            return new TranslationEntry(cell, type, hash, null, pairs);
        }).ToArray();
        return new TranslationFile(Required(root, "notebook", "the file"), language, entries);
    }
}
