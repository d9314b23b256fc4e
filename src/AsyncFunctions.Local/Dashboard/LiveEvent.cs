namespace AsyncFunctions.Local.Dashboard;

/// <summary>One order event as the dashboard's live stream shows it: the CloudEvents attributes, not the data.
/// Source is the CloudEvents source (this system); Partner is the partner the order came from, the property partner subscriptions filter on.</summary>
public sealed record LiveEvent(string Id, DateTimeOffset Time, string Type, string Subject, int Sequence, string Source, string Partner);
