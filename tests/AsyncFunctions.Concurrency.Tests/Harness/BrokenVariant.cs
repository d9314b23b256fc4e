using AsyncFunctions.Core.Handling;
namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>Deliberately broken variants, switched on in the test only, to prove the harness can fail.</summary>
public enum BrokenVariant
{
    None,

    /// <summary>The store ignores If-Match: every conditional write and delete succeeds (test-side decorator).</summary>
    StoreIgnoresIfMatch,

    /// <summary>The settler completes the current copy before scheduling its retry (internal seam in OutcomeSettler).</summary>
    SettlerCompletesBeforeScheduling,

    /// <summary>The assigner skips the already-resolved check (internal seam in OrderAssigner).</summary>
    AssignerSkipsResolvedCheck,
}
