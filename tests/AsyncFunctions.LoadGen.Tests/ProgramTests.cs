namespace AsyncFunctions.LoadGen.Tests;

public sealed class ProgramTests
{
    [Fact]
    public async Task Main_RefusedCommandLine_ExitsWithBadArgumentsAndRunsNoLoad()
    {
        // Port 9 (discard) on loopback: were the refused line run as a load anyway, it would fail with a transport error instead.
        var exit = await Program.Main(["load", "--orders", "many", "--url", "http://127.0.0.1:9"]);

        Assert.Equal(ExitCodes.BadArguments, exit);
    }

    [Fact]
    public async Task Main_Help_ExitsOk()
    {
        Assert.Equal(ExitCodes.Ok, await Program.Main(["--help"]));
    }
}
