using AsyncFunctions.Concurrency.Tests.Harness;
using AsyncFunctions.Concurrency.Tests.Scenarios;
using Xunit.Abstractions;

namespace AsyncFunctions.Concurrency.Tests;

/// <summary>Each scenario explored by Coyote over the real core: no schedule may break an invariant.</summary>
public sealed class ScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public void DuplicateCopies_OptimisticClaim_NoScheduleBreaksAnInvariant() =>
        Explore(nameof(DuplicateCopies_OptimisticClaim_NoScheduleBreaksAnInvariant), () => DuplicateCopiesScenario.RunAsync(WorldOptions.Default));

    [Fact]
    public void DuplicateCopies_ExplicitClaim_NoScheduleBreaksAnInvariant() =>
        Explore(nameof(DuplicateCopies_ExplicitClaim_NoScheduleBreaksAnInvariant), () => DuplicateCopiesScenario.RunAsync(new WorldOptions { ClaimBeforeAssign = true }));

    [Fact]
    public void ConsumerVsSweeper_ExpiredClaimAndOverdueRetry_NoScheduleBreaksAnInvariant() =>
        Explore(nameof(ConsumerVsSweeper_ExpiredClaimAndOverdueRetry_NoScheduleBreaksAnInvariant), () => ConsumerVsSweeperScenario.RunAsync(WorldOptions.Default));

    [Fact]
    public void DeliveryVsAssignment_SameZone_NoScheduleBreaksAnInvariant() =>
        Explore(nameof(DeliveryVsAssignment_SameZone_NoScheduleBreaksAnInvariant), () => DeliveryVsAssignmentScenario.RunAsync(WorldOptions.Default));

    [Fact]
    public void DeadLetterVsLiveCopy_OldCopyRecorded_NoScheduleBreaksAnInvariant() =>
        Explore(nameof(DeadLetterVsLiveCopy_OldCopyRecorded_NoScheduleBreaksAnInvariant), () => DeadLetterVsLiveCopyScenario.RunAsync(WorldOptions.Default));

    [Fact]
    public void ReplayTwice_Concurrently_NoScheduleBreaksAnInvariant() =>
        Explore(nameof(ReplayTwice_Concurrently_NoScheduleBreaksAnInvariant), () => ReplayTwiceScenario.RunAsync(WorldOptions.Default));

    [Fact]
    public void DriverUpdatesVsAssignment_CapacityAndZoneMove_NoScheduleBreaksAnInvariant() =>
        Explore(nameof(DriverUpdatesVsAssignment_CapacityAndZoneMove_NoScheduleBreaksAnInvariant), () => DriverUpdatesVsAssignmentScenario.RunAsync(WorldOptions.Default));

    [Fact]
    public void IntakeVsPartner_SamePayload_NoScheduleBreaksAnInvariant() =>
        Explore(nameof(IntakeVsPartner_SamePayload_NoScheduleBreaksAnInvariant), () => IntakeVsPartnerScenario.RunAsync(WorldOptions.Default, samePayload: true));

    [Fact]
    public void IntakeVsPartner_DifferentPayload_NoScheduleBreaksAnInvariant() =>
        Explore(nameof(IntakeVsPartner_DifferentPayload_NoScheduleBreaksAnInvariant), () => IntakeVsPartnerScenario.RunAsync(WorldOptions.Default, samePayload: false));

    private void Explore(string test, Func<Task> scenario)
    {
        var result = ScenarioRunner.Run(test, scenario, CoyoteSettings.FromEnvironment());
        var description = result.Describe($"FullyQualifiedName~{nameof(ScenarioTests)}.{test}");
        output.WriteLine(description);
        Assert.False(result.BugFound, description);
        // Guid.NewGuid (the broker's lock tokens) is the one uncontrolled call: data, not scheduling, and no decision depends on its value.
        Assert.All(result.UncontrolledInvocations, call => Assert.Equal("System.Guid.NewGuid", call));
    }
}
