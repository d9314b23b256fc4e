using System.Collections.Concurrent;
using System.Diagnostics;
using AsyncFunctions.Azure.Tests.Azurite;
using AsyncFunctions.Azure.Tests.LocalHost;
using AsyncFunctions.Testing.RabbitMq;
using Xunit.Abstractions;

namespace AsyncFunctions.Azure.Tests.RabbitMq;

/// <summary>
/// Real faults on real components: the local host as a child process on RabbitMQ (--broker) and Azurite
/// (--storage), under load. The host is killed with SIGKILL and started again (the broker hands the dead
/// host's unacknowledged deliveries to the next consumer); RabbitMQ itself is restarted (durable queues, the
/// client recovers); several hosts consume one queue at once. Each run prints its figures and asserts 0 lost,
/// 0 double-assigned, 0 over capacity. Reduced in size for CI.
/// </summary>
[Collection(AzuriteAndRabbitMqCollection.Name)]
public sealed class LocalHostOnRabbitMqFaultTests(AzuriteFixture azurite, RabbitMqFixture rabbit, ITestOutputHelper output)
{
    private const int Orders = 120;
    private static readonly TimeSpan ResolveWithin = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Host_KilledUnderLoadAndRestarted_BrokerRedeliversAndEveryOrderAssignedOnce()
    {
        var dispatch = HostedDispatch.Fresh(azurite.ConnectionString, rabbit.AmqpUri);
        var accepted = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        long queuedAfterKill;
        await using (var first = await LocalHostProcess.StartAsync(dispatch.HostArguments()))
        {
            await HostedDispatch.RegisterDriversAsync(first.Client, capacity: 15);
            var load = HostedDispatch.SubmitAsync([first.Client], Enumerable.Range(0, Orders).Select(HostedDispatch.OrderId), accepted);
            while (accepted.Count < Orders * 3 / 4 && !load.IsCompleted)
                await Task.Delay(5);

            // Mid-load: consumers die holding unacknowledged deliveries; the broker takes them back.
            await first.KillAsync();
            await load;
            queuedAfterKill = await ReadyCountAsync(dispatch.QueueName);
        }

        await using var second = await LocalHostProcess.StartAsync(dispatch.HostArguments());
        await HostedDispatch.SubmitAsync([second.Client], Enumerable.Range(0, Orders).Select(HostedDispatch.OrderId).Where(o => !accepted.ContainsKey(o)), accepted);
        var final = await HostedDispatch.WaitUntilAssignedAsync(second.Client, accepted.Keys, ResolveWithin);
        var audit = await HostedDispatch.AuditAsync(second.Client, final);

        output.WriteLine($"host killed (SIGKILL) after {Orders * 3 / 4}+ accepted orders; {queuedAfterKill} messages in the queue after the kill (the dead host's unacknowledged deliveries among them)");
        output.WriteLine($"{audit}; resolved in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(Orders, accepted.Count);
        Assert.True(queuedAfterKill > 0, "nothing was left in the queue at the kill, so the restart proved nothing; kill earlier");
        Assert.Equal(new HostedDispatch.AuditFigures(Orders, 0, 0, 0), audit);
    }

    [Fact]
    public async Task Broker_RestartedUnderLoad_HostRecoversAndEveryOrderAssignedOnce()
    {
        var dispatch = HostedDispatch.Fresh(azurite.ConnectionString, rabbit.AmqpUri);
        var accepted = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await using var host = await LocalHostProcess.StartAsync(dispatch.HostArguments());
        await HostedDispatch.RegisterDriversAsync(host.Client, capacity: 15);
        var ids = Enumerable.Range(0, Orders).Select(HostedDispatch.OrderId).ToList();

        await HostedDispatch.SubmitAsync([host.Client], ids.Take(Orders / 3), accepted);
        var clock = Stopwatch.StartNew();
        await rabbit.Rabbit.StopAsync();
        // While the broker is down intake still accepts (the status table is the outbox; the sweeper publishes later).
        await HostedDispatch.SubmitAsync([host.Client], ids.Skip(Orders / 3).Take(Orders / 3), accepted);
        var acceptedWhileDown = accepted.Count - Orders / 3;
        await rabbit.Rabbit.StartAgainAsync();
        var downFor = clock.Elapsed;
        await HostedDispatch.SubmitAsync([host.Client], ids, accepted);

        var final = await HostedDispatch.WaitUntilAssignedAsync(host.Client, ids, ResolveWithin);
        var audit = await HostedDispatch.AuditAsync(host.Client, final);

        output.WriteLine($"RabbitMQ stopped (SIGTERM) and started again: down {downFor.TotalSeconds:0.0} s, {acceptedWhileDown} orders accepted meanwhile");
        output.WriteLine($"{audit}; all assigned {clock.Elapsed.TotalSeconds:0.0} s after the stop");
        Assert.Equal(Orders, accepted.Count);
        Assert.Equal(new HostedDispatch.AuditFigures(Orders, 0, 0, 0), audit);
    }

    [Fact]
    public async Task SeveralHosts_CompetingConsumersOnOneQueue_EveryOrderAssignedOnce()
    {
        var dispatch = HostedDispatch.Fresh(azurite.ConnectionString, rabbit.AmqpUri);
        var accepted = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await using var a = await LocalHostProcess.StartAsync(dispatch.HostArguments(consumers: 3));
        await using var b = await LocalHostProcess.StartAsync(dispatch.HostArguments(consumers: 3));
        await using var c = await LocalHostProcess.StartAsync(dispatch.HostArguments(consumers: 3));
        // Capacity for exactly the orders: every host competes for the last free slots.
        await HostedDispatch.RegisterDriversAsync(a.Client, capacity: Orders / 10);
        var clock = Stopwatch.StartNew();

        await HostedDispatch.SubmitAsync([a.Client, b.Client, c.Client], Enumerable.Range(0, Orders).Select(HostedDispatch.OrderId), accepted);
        var final = await HostedDispatch.WaitUntilAssignedAsync(b.Client, accepted.Keys, ResolveWithin);
        var audit = await HostedDispatch.AuditAsync(c.Client, final);

        output.WriteLine($"3 hosts x 3 consumers on queue {dispatch.QueueName}, fleet capacity {Orders}; {audit}; resolved in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(new HostedDispatch.AuditFigures(Orders, 0, 0, 0), audit);
    }

    private async Task<long> ReadyCountAsync(string queue)
    {
        await using var connection = await rabbit.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }
}
