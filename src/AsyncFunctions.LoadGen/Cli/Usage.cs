namespace AsyncFunctions.LoadGen.Cli;

/// <summary>The help text.</summary>
public static class Usage
{
    public const string Text = """
        usage: dotnet run --project src/AsyncFunctions.LoadGen -- load [options]

        Registers drivers (PUT /api/drivers/{id}), submits orders at a steady rate (POST /api/orders),
        follows their status (polling, the order events, or both), and prints what became of them.

          --orders N          orders to submit (default 1000)
          --rate R            orders per second (default 100)
          --zones Z           zones, named load-1..load-Z (default 5)
          --drivers D         drivers, spread over the zones (default 50)
          --capacity C        orders per driver, 1-50 (default: enough for every order, at most 50)
          --url URL           the host (default http://127.0.0.1:7071)
          --function-key K    sent as x-functions-key (the Azure app's function key)
          --concurrency N     requests in flight at once (default 64)
          --wait SECONDS      keep following orders this long after the last submission (default 30)
          --duplicates F      fraction of orders sent twice, 0-1 (default 0)
          --deliver           mark each order delivered once Assigned (frees drivers, so runs can repeat)
          --run-id ID         prefix of this run's order ids (default: random)
          --follow MODE       poll: GET /api/orders/{id} (default); events: the order events instead;
                              both: both at once, their latencies and costs side by side
          --events-namespace NS
                              with --follow events|both: read the Service Bus topic order-events in namespace NS
                              (sb-xyz.servicebus.windows.net, DefaultAzureCredential) instead of the local
                              host's GET /api/events/stream; needs --events-subscription
          --events-subscription S
                              the subscription of order-events to read; give the run one of its own,
                              since it completes what it receives
          -h, --help          this text
        """;
}
