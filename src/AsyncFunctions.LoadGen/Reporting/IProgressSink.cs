namespace AsyncFunctions.LoadGen.Reporting;

/// <summary>Receives the run's counts a few times a second.</summary>
public interface IProgressSink
{
    void Report(LiveCounts counts);

    void Finish();
}
