using System.Globalization;

namespace AsyncFunctions.Azure.Tests.LocalHost;

/// <summary>One answer of intake to one POST: its status (0 when none came), whether it carried Retry-After, when the request started.</summary>
internal sealed record IntakeAnswer(string OrderId, TimeSpan StartedAt, int Status, bool HasRetryAfter, string? Failure)
{
    /// <summary>The only answers allowed while storage is down: accepted (202, 200 for a duplicate) or 503 with Retry-After.</summary>
    public bool IsAcceptedOrRetryLater => Status is 200 or 202 || (Status == 503 && HasRetryAfter);

    public string Label => Status == 0
        ? "no answer (" + Failure + ")"
        : Status.ToString(CultureInfo.InvariantCulture) + (Status == 503 && !HasRetryAfter ? " without Retry-After" : "");
}
