namespace AsyncFunctions.Core.Resilience;

/// <summary>The outside services the engine depends on, each with a breaker of its own.</summary>
public enum Dependency
{
    /// <summary>Table storage: order status, drivers, dead-letter records.</summary>
    Storage,

    /// <summary>The message bus: sends, schedules and settlement.</summary>
    Bus,
}
