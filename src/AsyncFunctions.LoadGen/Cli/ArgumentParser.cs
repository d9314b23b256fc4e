using System.Globalization;
using System.Text.RegularExpressions;

namespace AsyncFunctions.LoadGen.Cli;

/// <summary>Reads "load --orders 10000 --rate 500 ..." into <see cref="LoadOptions"/>, refusing anything it does not understand.</summary>
public static partial class ArgumentParser
{
    public const string Command = "load";

    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "-h" or "--help"))
            return new ParsedArguments(null, null, ShowHelp: true);
        if (args.Count == 0 || args[0] != Command)
            return Fail($"the first argument must be the command '{Command}'{(args.Count > 0 ? $", not '{args[0]}'" : "")}.");

        var options = new LoadOptions();
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
                return Fail($"unexpected argument '{name}'.");
            if (name == "--deliver")
            {
                options = options with { Deliver = true };
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                return Fail($"{name} needs a value.");
            var value = args[++i];
            var error = Apply(ref options, name, value);
            if (error is not null)
                return Fail($"{name} {error}");
        }

        if ((options.EventsNamespace is null) != (options.EventsSubscription is null))
            return Fail("--events-namespace and --events-subscription go together: the topic's namespace and the subscription to read.");
        if (options.EventsNamespace is not null && !options.FollowsEvents)
            return Fail("--events-namespace is for following events: add --follow events or --follow both.");
        if (options.Drivers < options.Zones)
            return Fail($"--drivers ({options.Drivers}) must be at least --zones ({options.Zones}), so every zone has a driver.");
        return new ParsedArguments(options, null);
    }

    private static string? Apply(ref LoadOptions options, string name, string value)
    {
        switch (name)
        {
            case "--orders":
                return Integer(value, 1, 1_000_000, out var orders) ?? Set(ref options, options with { Orders = orders });
            case "--rate":
                return Number(value, 0.1, 100_000, out var rate) ?? Set(ref options, options with { Rate = rate });
            case "--zones":
                return Integer(value, 1, 100, out var zones) ?? Set(ref options, options with { Zones = zones });
            case "--drivers":
                return Integer(value, 1, 100_000, out var drivers) ?? Set(ref options, options with { Drivers = drivers });
            case "--capacity":
                return Integer(value, 1, LoadOptions.MaxCapacity, out var capacity) ?? Set(ref options, options with { Capacity = capacity });
            case "--concurrency":
                return Integer(value, 1, 1024, out var concurrency) ?? Set(ref options, options with { Concurrency = concurrency });
            case "--wait":
                return Number(value, 0, 3600, out var wait) ?? Set(ref options, options with { Wait = TimeSpan.FromSeconds(wait) });
            case "--duplicates":
                return Number(value, 0, 1, out var duplicates) ?? Set(ref options, options with { Duplicates = duplicates });
            case "--url":
                return Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                    ? Set(ref options, options with { Url = url })
                    : $"must be an absolute http or https URL, not '{value}'.";
            case "--function-key":
                return value.Length > 0 ? Set(ref options, options with { FunctionKey = value }) : "must not be empty.";
            case "--follow":
                return Follow(value, out var follow) ?? Set(ref options, options with { Follow = follow });
            case "--events-namespace":
                return Uri.CheckHostName(value) == UriHostNameType.Dns && value.Contains('.', StringComparison.Ordinal)
                    ? Set(ref options, options with { EventsNamespace = value })
                    : $"must be a fully qualified namespace such as sb-xyz.servicebus.windows.net, not '{value}'.";
            case "--events-subscription":
                return SubscriptionPattern().IsMatch(value) ? Set(ref options, options with { EventsSubscription = value }) : "must be 1 to 50 letters, digits, '.', '-' or '_'.";
            case "--run-id":
                return RunIdPattern().IsMatch(value) ? Set(ref options, options with { RunId = value }) : "must be 1 to 20 letters, digits or -.";
            default:
                return $"is not an option (see --help).";
        }
    }

    private static string? Set(ref LoadOptions options, LoadOptions updated)
    {
        options = updated;
        return null;
    }

    private static string? Follow(string value, out FollowMode mode)
    {
        mode = value switch
        {
            "poll" => FollowMode.Poll,
            "events" => FollowMode.Events,
            "both" => FollowMode.Both,
            _ => (FollowMode)(-1),
        };
        return Enum.IsDefined(mode) ? null : $"must be poll, events or both, not '{value}'.";
    }

    private static string? Integer(string value, int min, int max, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max
            ? null
            : $"must be a whole number from {min} to {max}, not '{value}'.";

    private static string? Number(string value, double min, double max, out double result) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out result) && result >= min && result <= max
            ? null
            : $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{value}'.";

    private static ParsedArguments Fail(string error) => new(null, error);

    [GeneratedRegex("^[A-Za-z0-9-]{1,20}$")]
    private static partial Regex RunIdPattern();

    // Service Bus subscription names: letters, digits, periods, hyphens and underscores, at most 50.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$")]
    private static partial Regex SubscriptionPattern();
}
