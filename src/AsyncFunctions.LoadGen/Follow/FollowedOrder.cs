using AsyncFunctions.Core.Events;

namespace AsyncFunctions.LoadGen.Follow;

/// <summary>One order as its events describe it; events may arrive out of sequence order, the highest sequence tells the status.</summary>
internal sealed class FollowedOrder
{
    private readonly Lock _gate = new();
    private int _sequence;
    private bool _final;
    private string? _status;
    private DateTimeOffset? _acceptedAt;
    private DateTimeOffset? _assignedAt;

    public string? Status { get { lock (_gate) return _status; } }

    /// <summary>Assigned then, whatever came later: Delivered counts as Assigned for the run, as polling counts it.</summary>
    public bool IsAssigned { get { lock (_gate) return _assignedAt is not null; } }

    public bool IsDeadLettered { get { lock (_gate) return _status == "DeadLettered"; } }

    /// <summary>Server-clock submit→Assigned: DriverAssigned's time after OrderAccepted's, once both are here.</summary>
    public double? SubmitToAssignedMs { get { lock (_gate) return _assignedAt - _acceptedAt is { } span ? span.TotalMilliseconds : null; } }

    /// <returns>Whether the order just reached an outcome, and whether this is the first DriverAssigned heard.</returns>
    public (bool BecameFinal, bool FirstAssigned) Apply(FollowedEvent followed)
    {
        lock (_gate)
        {
            if (followed.Sequence > _sequence)
            {
                _sequence = followed.Sequence;
                _status = followed.Status;
            }

            var firstAssigned = false;
            if (followed.Type == OrderEventTypes.OrderAccepted)
                _acceptedAt ??= followed.Time;
            else if (followed.Type == OrderEventTypes.DriverAssigned && _assignedAt is null)
            {
                _assignedAt = followed.Time;
                firstAssigned = true;
            }

            var wasFinal = _final;
            _final = _assignedAt is not null || _status == "DeadLettered";
            return (_final && !wasFinal, firstAssigned);
        }
    }
}
