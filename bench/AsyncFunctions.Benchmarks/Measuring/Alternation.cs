namespace AsyncFunctions.Benchmarks.Measuring;

/// <summary>
/// Runs baseline and subject in turn (A B A B ...) after one unrecorded warm-up of each, so that a
/// noisy neighbour or a GC burst hits both about equally; callers report the medians.
/// </summary>
internal static class Alternation
{
    public static async Task<(List<T> Baseline, List<T> Subject)> RunAsync<T>(int rounds, Func<Task<T>> baseline, Func<Task<T>> subject)
    {
        await baseline();
        await subject();
        var a = new List<T>(rounds);
        var b = new List<T>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            a.Add(await baseline());
            b.Add(await subject());
        }

        return (a, b);
    }
}
