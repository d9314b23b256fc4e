using System.Text;

namespace AsyncFunctions.Infra.Tests.Parsing;

/// <summary>
/// Lexical helpers for Bicep read as text (the Bicep CLI cannot be installed on our build
/// machines): comment stripping and brace matching that both respect string literals.
/// </summary>
public static class BicepText
{
    /// <summary>Removes // and /* */ comments, leaving string literals (which may contain "//") intact.</summary>
    public static string StripComments(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                var end = SkipString(text, i);
                sb.Append(text, i, end - i);
                i = end;
            }
            else if (At(text, i, "//"))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (At(text, i, "/*"))
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + 2;
            }
            else
            {
                sb.Append(text[i]);
                i++;
            }
        }

        return sb.ToString();
    }

    /// <summary>Returns the text between the first '{' or '[' at or after <paramref name="start"/> and its match, inclusive.</summary>
    public static string BlockFrom(string text, int start)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = text.IndexOfAny(['{', '['], start);
        if (open < 0)
        {
            throw new FormatException($"No block starts after offset {start}.");
        }

        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'':
                    i = SkipString(text, i) - 1;
                    break;
                case '{' or '[' or '(':
                    depth++;
                    break;
                case '}' or ']' or ')':
                    depth--;
                    if (depth == 0)
                    {
                        return text[open..(i + 1)];
                    }

                    break;
            }
        }

        throw new FormatException($"Unbalanced block starting at offset {open}.");
    }

    /// <summary>Index just past the string literal starting at <paramref name="start"/> (a quote), including ''' strings and ${} holes.</summary>
    private static int SkipString(string text, int start)
    {
        if (At(text, start, "'''"))
        {
            var close = text.IndexOf("'''", start + 3, StringComparison.Ordinal);
            return close < 0 ? text.Length : close + 3;
        }

        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                i += 2;
            }
            else if (At(text, i, "${"))
            {
                i = SkipInterpolation(text, i + 2);
            }
            else if (text[i] == '\'')
            {
                return i + 1;
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    private static int SkipInterpolation(string text, int i)
    {
        var depth = 1;
        while (i < text.Length && depth > 0)
        {
            if (text[i] == '\'')
            {
                i = SkipString(text, i);
                continue;
            }

            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            i++;
        }

        return i;
    }

    private static bool At(string text, int i, string token) =>
        string.CompareOrdinal(text, i, token, 0, token.Length) == 0;
}
