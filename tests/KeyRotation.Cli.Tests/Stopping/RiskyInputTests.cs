using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests.Stopping;

/// <summary>Inputs that used to run something other than what was meant, silently.</summary>
public sealed class RiskyInputTests
{
    private static readonly string Example = RepositoryRoot.File("examples", "org.json");

    [Theory]
    [InlineData("--accounts")]
    [InlineData("--exclude-accounts")]
    [InlineData("--ous")]
    [InlineData("--exclude-ous")]
    public async Task Plan_EmptyTargetingList_IsANamedErrorNotTheWholeOrganization(string flag)
    {
        var run = await CliRun.Of("plan", "--simulation", Example, flag, "");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{flag}: no ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Plan_EmptyListAfterCommas_IsANamedError()
    {
        var run = await CliRun.Of("plan", "--simulation", Example, "--accounts", " , ");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
    }

    [Fact]
    public async Task Plan_IdsNotInTheOrganization_WarnInJsonAndOnStderr()
    {
        var run = await CliRun.Of("plan", "--simulation", Example, "--accounts", "999999999999,222222222222", "--exclude-ous", "ou-typo",
            "--output", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var warnings = run.Json().GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains("targeted account 999999999999", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("excluded OU ou-typo", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("222222222222", StringComparison.Ordinal));
        Assert.Contains("warning: targeted account 999999999999", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_IdsNotInTheOrganization_TableFooterWarns()
    {
        var run = await CliRun.Of("plan", "--simulation", Example, "--ous", "ou-nope");

        Assert.Contains("Warning: targeted OU ou-nope is not an OU with accounts in this organization", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OptOutTagYes_IsRotatedAndReported()
    {
        using var files = new TempFiles();
        var json = File.ReadAllText(Example).Replace("\"name\": \"dev\"", "\"name\": \"dev\", \"tags\": { \"key-rotation:opt-out\": \"yes\" }",
            StringComparison.Ordinal);
        Assert.Contains("\"yes\"", json, StringComparison.Ordinal);
        var simulation = files.Write("org.json", json);

        var run = await CliRun.Of("plan", "--simulation", simulation, "--as-of", "2026-11-29T12:00:00Z", "--output", "json");

        var dev = run.Json().GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == "222222222222");
        Assert.Equal("Processed", dev.GetProperty("status").GetString());
        Assert.Contains(run.Json().GetProperty("warnings").EnumerateArray(),
            w => w.GetString() == "account 222222222222 (dev): tag key-rotation:opt-out = 'yes' is ignored (only 'true' opts out), so it is rotated");
    }
}
