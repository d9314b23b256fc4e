namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>Starts each piece of work as its own task and waits for all of them; Coyote decides how they interleave.</summary>
public static class Concurrently
{
    public static async Task RunAsync(params Func<Task>[] work)
    {
        // The IEnumerable overload on purpose: Coyote 1.7 controls it, but not .NET 9's params-span WhenAll.
        IEnumerable<Task> tasks = [.. work.Select(w => Task.Run(w))];
        await Task.WhenAll(tasks);
    }
}
