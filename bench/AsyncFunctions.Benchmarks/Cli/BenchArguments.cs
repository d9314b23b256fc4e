using System.Globalization;

namespace AsyncFunctions.Benchmarks.Cli;

/// <summary>The command line: a suite name and a few switches, each with a default sized for a 2-core machine.</summary>
internal sealed record BenchArguments
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/AsyncFunctions.Benchmarks -- <suite> [options]
          suites:  intake | pipeline | cost | growth | history | instances | roundtrips | azurite | faults | outages | all | rabbitmq
          --quick            small counts and short runs (a smoke test, figures are rough)
          --rounds N         alternating baseline/subject rounds per figure (default 7, quick 3)
          --orders N         faults: orders to submit (default 10000, quick 1000); outages: per scenario (default 600, quick 300)
          --consumers N      faults, outages: concurrent order consumers (default 16)
          --seed N           faults: seed of the fault dice (default 20261122)
        """;

    public string Suite { get; init; } = "all";

    public bool Quick { get; init; }

    public int? Rounds { get; init; }

    public int? Orders { get; init; }

    public int Consumers { get; init; } = 16;

    public int Seed { get; init; } = 20261122;

    public int RoundCount => Rounds ?? (Quick ? 3 : 7);

    public static BenchArguments? Parse(IReadOnlyList<string> args)
    {
        var parsed = new BenchArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--quick":
                    parsed = parsed with { Quick = true };
                    break;
                case "--rounds" when Number(args, ++i) is { } n:
                    parsed = parsed with { Rounds = n };
                    break;
                case "--orders" when Number(args, ++i) is { } n:
                    parsed = parsed with { Orders = n };
                    break;
                case "--consumers" when Number(args, ++i) is { } n:
                    parsed = parsed with { Consumers = n };
                    break;
                case "--seed" when Number(args, ++i) is { } n:
                    parsed = parsed with { Seed = n };
                    break;
                case "intake" or "pipeline" or "cost" or "growth" or "history" or "instances" or "roundtrips" or "azurite" or "faults" or "outages" or "all" or "rabbitmq":
                    parsed = parsed with { Suite = arg };
                    break;
                default:
                    return null;
            }
        }

        return parsed;
    }

    private static int? Number(IReadOnlyList<string> args, int index) =>
        index < args.Count && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
