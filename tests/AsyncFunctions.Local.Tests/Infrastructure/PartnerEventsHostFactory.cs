namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>The shared local host with two partners on the events topic (acme and globex) beside operations.</summary>
public sealed class PartnerEventsHostFactory : LocalHostFactory
{
    public const string Acme = "acme";
    public const string Globex = "globex";

    public PartnerEventsHostFactory()
    {
        With("Local:Partners:0", Acme);
        With("Local:Partners:1", Globex);
    }
}
