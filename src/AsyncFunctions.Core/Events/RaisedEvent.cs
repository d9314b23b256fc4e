using System.Text.Json.Nodes;

namespace AsyncFunctions.Core.Events;

/// <summary>
/// An event a transition of the order aggregate decided on, not yet numbered or stored: the persistence gives
/// it its sequence number and writes it in the same transaction as the order change it describes.
/// </summary>
/// <param name="Type">One of <see cref="OrderEventTypes"/>.</param>
/// <param name="Time">When the change happened (the transition's clock).</param>
/// <param name="Data">The fields specific to this type; the store adds the ones every event carries.</param>
public sealed record RaisedEvent(string Type, DateTimeOffset Time, JsonObject Data);
