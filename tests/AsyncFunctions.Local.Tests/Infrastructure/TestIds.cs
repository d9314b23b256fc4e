namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>Fresh ids per test, so tests sharing a host never see each other's orders or drivers.</summary>
public static class TestIds
{
    public static string Order() => $"ord-{Guid.NewGuid():N}";

    public static string Driver() => $"drv-{Guid.NewGuid():N}";

    public static string Zone() => $"z-{Guid.NewGuid():N}"[..14];
}
