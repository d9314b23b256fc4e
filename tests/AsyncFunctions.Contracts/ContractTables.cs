namespace AsyncFunctions.Contracts;

/// <summary>Fresh table names, so contract tests never see each other's rows (and can run against a shared emulator).</summary>
public static class ContractTables
{
    /// <summary>A valid Table Storage name: a letter, then 32 hex digits.</summary>
    public static string NewName() => "c" + Guid.NewGuid().ToString("N");
}
