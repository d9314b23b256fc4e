using System.Globalization;

namespace AsyncFunctions.Infra.Tests.Arm;

/// <summary>
/// Parses and evaluates one ARM template expression ("[format('{0}', parameters('x'))]" without
/// the brackets) in a <see cref="ArmScope"/>: literals, function calls, ".member" and "[index]".
/// Functions only Azure can answer stay <see cref="Unresolved"/>, with their evaluated arguments.
/// </summary>
public sealed class ArmExpression
{
    private readonly string _text;
    private readonly ArmScope _scope;
    private int _position;

    private ArmExpression(string text, ArmScope scope)
    {
        _text = text;
        _scope = scope;
    }

    public static object? Evaluate(string expression, ArmScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parser = new ArmExpression(expression, scope);
        var value = parser.Expression();
        parser.SkipSpace();
        if (parser._position != expression.Length)
        {
            throw parser.Error("unexpected text after the expression");
        }

        return value;
    }

    private object? Expression()
    {
        SkipSpace();
        var value = Primary();
        while (true)
        {
            SkipSpace();
            if (Peek('.'))
            {
                _position++;
                value = Member(value, Identifier());
            }
            else if (Peek('['))
            {
                _position++;
                var index = Expression();
                Expect(']');
                value = Index(value, index);
            }
            else
            {
                return value;
            }
        }
    }

    private object? Primary()
    {
        if (Peek('\''))
        {
            return StringLiteral();
        }

        if (Peek('-') || (_position < _text.Length && char.IsAsciiDigit(_text[_position])))
        {
            return Number();
        }

        var name = Identifier();
        SkipSpace();
        if (!Peek('('))
        {
            return name switch
            {
                "true" => true,
                "false" => false,
                "null" => null,
                _ => throw Error($"'{name}' is not a function call"),
            };
        }

        _position++;
        var arguments = new List<object?>();
        SkipSpace();
        while (!Peek(')'))
        {
            arguments.Add(Expression());
            SkipSpace();
            if (Peek(','))
            {
                _position++;
            }
            else if (!Peek(')'))
            {
                throw Error("expected ',' or ')'");
            }
        }

        _position++;
        return ArmFunctions.Invoke(name, arguments, _scope);
    }

    private static object? Member(object? value, string name) => value switch
    {
        Unresolved u => new Unresolved($"{u.Text}.{name}"),
        IReadOnlyDictionary<string, object?> map when map.TryGetValue(name, out var member) => member,
        _ => new Unresolved($"{ArmValue.Literal(value)}.{name}"),
    };

    private static object? Index(object? value, object? index) => (value, index) switch
    {
        (IReadOnlyList<object?> list, long i) when i >= 0 && i < list.Count => list[(int)i],
        (IReadOnlyDictionary<string, object?> map, string key) when map.TryGetValue(key, out var member) => member,
        _ => new Unresolved($"{ArmValue.Literal(value)}[{ArmValue.Literal(index)}]"),
    };

    private string StringLiteral()
    {
        var builder = new System.Text.StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_position++];
            if (c != '\'')
            {
                builder.Append(c);
            }
            else if (Peek('\''))
            {
                builder.Append('\'');
                _position++;
            }
            else
            {
                return builder.ToString();
            }
        }
    }

    private long Number()
    {
        var start = _position;
        if (Peek('-'))
        {
            _position++;
        }

        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }

        return long.Parse(_text.AsSpan(start, _position - start), CultureInfo.InvariantCulture);
    }

    private string Identifier()
    {
        SkipSpace();
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '_' or '$'))
        {
            _position++;
        }

        return _position > start ? _text[start.._position] : throw Error("expected a name");
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (!Peek(c))
        {
            throw Error($"expected '{c}'");
        }

        _position++;
    }

    private bool Peek(char c) => _position < _text.Length && _text[_position] == c;

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private FormatException Error(string message) =>
        new($"ARM expression '{_text}', at {_position}: {message}.");
}
