namespace AsyncFunctions.Benchmarks.Measuring;

/// <summary>One printed figure: the subject beside its baseline from the same run, and the ratio subject / baseline.</summary>
internal sealed record Figure(string Suite, string Name, double Subject, double Baseline, string Unit, Target? Goal)
{
    public double Ratio => Baseline == 0 ? double.NaN : Subject / Baseline;

    public bool? Met => Goal?.IsMet(Subject, Ratio);
}
