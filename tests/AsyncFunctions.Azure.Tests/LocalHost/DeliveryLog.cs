using System.Text.RegularExpressions;

namespace AsyncFunctions.Azure.Tests.LocalHost;

/// <summary>
/// Deliveries per order, counted from the host's own log: the message processor logs one line per delivery
/// ("Order message {MessageId}: {Outcome} ({Note})", Debug), and every copy's MessageId starts with its order id
/// (ro-0001, ro-0001~t1, ro-0001:sweep:..., ro-0001:retry:...).
/// </summary>
internal static partial class DeliveryLog
{
    public static Dictionary<string, int> PerOrder(IEnumerable<string> lines)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var match = Delivery().Match(line);
            if (match.Success)
                counts[match.Groups[1].Value] = counts.GetValueOrDefault(match.Groups[1].Value) + 1;
        }

        return counts;
    }

    [GeneratedRegex(@"^\s*Order message (ro-\d{4})\S*: (Complete|RetryLater|DeadLetter|Abandon) ")]
    private static partial Regex Delivery();
}
