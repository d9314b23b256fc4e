namespace AsyncFunctions.Functions.Tests.Metadata;

/// <summary>
/// Every function the app must expose, with the trigger binding the Functions host needs to see:
/// the contract in ARCHITECTURE.md (routes, function keys except health) and the Service Bus
/// settings (queue expression, connection name, peek-lock settled by the code).
/// </summary>
internal static class ExpectedFunctions
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Triggers =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["SubmitOrder"] = Http("post", "orders", "Function"),
            ["GetOrder"] = Http("get", "orders/{orderId}", "Function"),
            ["GetOrderEvents"] = Http("get", "orders/{orderId}/events", "Function"),
            ["MarkOrderDelivered"] = Http("post", "orders/{orderId}/delivered", "Function"),
            ["PutDriver"] = Http("put", "drivers/{driverId}", "Function"),
            ["ListDrivers"] = Http("get", "drivers", "Function"),
            ["ListDeadLetters"] = Http("get", "deadletters", "Function"),
            ["ReplayDeadLetter"] = Http("post", "deadletters/{id}/replay", "Function"),
            ["Health"] = Http("get", "health", "Anonymous"),
            ["AssignOrder"] = ServiceBus("%OrdersQueueName%", sessions: true),
            // A dead-letter sub-queue is never session-enabled, whatever its queue is.
            ["RecordDeadLetter"] = ServiceBus("%OrdersQueueName%/$DeadLetterQueue", sessions: false),
            ["SweepStaleOrders"] = new Dictionary<string, string> { ["type"] = "timerTrigger", ["schedule"] = "%SweepSchedule%" },
        };

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var name in Triggers.Keys)
            names.Add(name);
        return names;
    }

    private static Dictionary<string, string> Http(string method, string route, string authLevel) => new()
    {
        ["type"] = "httpTrigger", ["methods"] = $"[\"{method}\"]", ["route"] = route, ["authLevel"] = authLevel,
    };

    private static Dictionary<string, string> ServiceBus(string queue, bool sessions)
    {
        var trigger = new Dictionary<string, string>
        {
            ["type"] = "serviceBusTrigger", ["queueName"] = queue, ["connection"] = "ServiceBusConnection",
            ["autoCompleteMessages"] = "false", ["cardinality"] = "One",
        };
        // The SDK writes isSessionsEnabled only when it is true; FunctionMetadataTests checks the other trigger leaves it out.
        if (sessions)
            trigger["isSessionsEnabled"] = "true";
        return trigger;
    }
}
