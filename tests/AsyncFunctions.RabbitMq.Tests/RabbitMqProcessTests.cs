using AsyncFunctions.Testing.RabbitMq;

namespace AsyncFunctions.RabbitMq.Tests;

/// <summary>The fixture itself: a node of its own starts, answers AMQP, and leaves no process behind (no node, no epmd).</summary>
public sealed class RabbitMqProcessTests
{
    [Fact]
    public async Task StartThenDispose_LeavesNoProcessBehind()
    {
        var rabbit = await RabbitMqProcess.StartAsync();
        var node = "RABBITMQ_NODENAME=" + rabbit.NodeName;
        var epmd = $"-port {rabbit.EpmdPort}";
        try
        {
            Assert.NotEmpty(ProcessesWith(node));
            Assert.NotEmpty(ProcessesWith(epmd));
        }
        finally
        {
            await rabbit.DisposeAsync();
        }

        Assert.Empty(ProcessesWith(node));
        Assert.Empty(ProcessesWith(epmd));
    }

    /// <summary>Live processes whose command line or environment contains <paramref name="text"/> (what ps e shows), zombies excluded.</summary>
    private static List<string> ProcessesWith(string text)
    {
        var found = new List<string>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            try
            {
                var status = File.ReadAllText(Path.Combine(directory, "status"));
                if (status.Contains("State:\tZ", StringComparison.Ordinal))
                    continue;
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var environment = File.ReadAllText(Path.Combine(directory, "environ")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal) || environment.Contains(text, StringComparison.Ordinal))
                    found.Add($"{Path.GetFileName(directory)}: {commandLine}");
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
