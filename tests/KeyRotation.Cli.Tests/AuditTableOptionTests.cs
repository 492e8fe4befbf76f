using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Output;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests;

/// <summary>--audit-table and its connection flags on demo, plan and run, checked before anything runs.</summary>
public sealed class AuditTableOptionTests
{
    [Theory]
    [InlineData("--endpoint-url", "http://127.0.0.1:8000", "--endpoint-url applies")]
    [InlineData("--region", "eu-west-1", "--region applies")]
    [InlineData("--profile", "dev", "--profile applies")]
    public async Task Demo_ConnectionFlagWithoutAuditTable_InvalidInputNamingTheFlag(string flag, string value, string expected)
    {
        var run = await CliRun.Of("demo", flag, value);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{expected} to the audit table only; add --audit-table NAME", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Worlds);
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("run")]
    public async Task PlanOrRun_BadAuditTableValues_InvalidInputListingEach(string command)
    {
        using var files = new TempFiles();
        var simulation = files.Write("org.json", SampleOrganization.Json);

        var run = await CliRun.Of(command, "--simulation", simulation, "--audit-table", "no spaces", "--region", "Mars",
            "--endpoint-url", "localhost:8000");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--audit-table 'no spaces' is not a DynamoDB table name", run.Error, StringComparison.Ordinal);
        Assert.Contains("--region 'Mars' is not an AWS region name", run.Error, StringComparison.Ordinal);
        Assert.Contains("--endpoint-url 'localhost:8000' is not an absolute http(s) URL", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Worlds);
    }

    [Fact]
    public async Task Demo_EmptyAuditTable_InvalidInput()
    {
        var run = await CliRun.With(new Dictionary<string, string> { ["KEYROTATION_AUDIT_TABLE"] = "from-env" }, "demo", "--audit-table", " ");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--audit-table is empty; leave it out to keep the audit trail in memory", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_BadEndpointVariable_InvalidInputNamingTheVariable()
    {
        var run = await CliRun.With(new Dictionary<string, string> { ["AWS_ENDPOINT_URL_DYNAMODB"] = "localhost:8000" },
            "demo", "--audit-table", "t-audit");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("$AWS_ENDPOINT_URL_DYNAMODB 'localhost:8000' is not an absolute http(s) URL", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_OnlyTheTableVariableSet_KeepsTheTrailInMemory()
    {
        // $KEYROTATION_AUDIT_TABLE is for auditors' queries; a demo must not write into that table unasked.
        var run = await CliRun.With(new Dictionary<string, string> { ["KEYROTATION_AUDIT_TABLE"] = "production-audit" }, "demo");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var world = run.Worlds.Single();
        Assert.NotEmpty(world.AuditLog.Events);
        var intents = world.AuditLog.Events.Count(e => e.IsIntent);
        Assert.True(intents > 0, "a demo changes keys, so it writes intents");
        Assert.Contains($"Audit trail: {world.AuditLog.Events.Count} events ({intents} of them intents, written before each change) kept in memory; " +
            "add --audit-table NAME", run.Out, StringComparison.Ordinal);
        Assert.EndsWith($"Nothing outside this process was touched.{Environment.NewLine}Run id: {run.Out.Split('\n')[1].Split(' ')[1]}{Environment.NewLine}",
            run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditCommandLine_Query_NamesEveryGivenFlagAndQuotesForTheShell()
    {
        var store = new AuditStoreSettings("audit.table", "eu-west-1", "http://127.0.0.1:8000/", "it's mine");

        Assert.Equal(
            "keyrotation audit --run 2026-11-29T12-00-00Z-4f1c --table audit.table --endpoint-url http://127.0.0.1:8000/ --region eu-west-1 --profile 'it'\\''s mine'",
            AuditCommandLine.Query("2026-11-29T12-00-00Z-4f1c", store));
        Assert.Equal("keyrotation audit create-table --table t1x", AuditCommandLine.CreateTable(new AuditStoreSettings("t1x")));
    }

    [Fact]
    public void AuditCommandLine_Describe_SaysWhereTheTableIs()
    {
        Assert.Equal("DynamoDB table 't' at http://127.0.0.1:1", AuditCommandLine.Describe(new AuditStoreSettings("t", "eu-west-1", "http://127.0.0.1:1")));
        Assert.Equal("DynamoDB table 't' at AWS eu-west-1", AuditCommandLine.Describe(new AuditStoreSettings("t", "eu-west-1")));
    }
}
