using System.ComponentModel.DataAnnotations;

namespace AsyncFunctions.Core.Persistence;

/// <summary>The tables the engine uses (app settings Storage__DispatchTable, ...).</summary>
public sealed class TableNames
{
    public const string SectionName = "Storage";

    /// <summary>Orders and drivers, partitioned by zone.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string DispatchTable { get; set; } = "Dispatch";

    /// <summary>Order id → zone and payload hash; driver id → zone.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string DirectoryTable { get; set; } = "Directory";

    /// <summary>Dead-lettered messages with their original bodies.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string DeadLetterTable { get; set; } = "DeadLetters";
}
