using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Tests.Aws;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests;

/// <summary>--managed-user-path and --managed-user-tag on a simulation, and the AWS-only --break-glass-role-arn.</summary>
public sealed class ManagedScopeFlagTests : IDisposable
{
    private const string Organization = """
        {
          "managementAccountId": "111111111111",
          "accounts": [
            { "id": "222222222222", "name": "dev", "state": "ACTIVE", "parentId": "r-root",
              "users": [
                { "name": "svc", "path": "/service/", "tags": { "managed": "true" },
                  "accessKeys": [ { "id": "AKIAEXAMPLESVC000001", "status": "Active", "ageDays": 170, "lastUsedDaysAgo": 1 } ] },
                { "name": "batch", "path": "/service/batch/",
                  "accessKeys": [ { "id": "AKIAEXAMPLEBATCH0001", "status": "Active", "ageDays": 170, "lastUsedDaysAgo": 1 } ] },
                { "name": "admin", "tags": { "managed": "true" },
                  "accessKeys": [ { "id": "AKIAEXAMPLEADMIN0001", "status": "Active", "ageDays": 170, "lastUsedDaysAgo": 1 } ] }
              ] }
          ]
        }
        """;

    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Run_ManagedUserPathAndTag_OthersNeverPlannedAndCountedInJsonAndTable()
    {
        var path = files.Write("org.json", Organization);
        var state = files.PathOf("after.json");
        string[] scope = ["--managed-user-path", "/service/", "--managed-user-tag", "managed=true"];

        var json = await CliRun.Of(["run", "--simulation", path, "--as-of", SampleOrganization.AsOf, "--output", "json", "--save-state", state, .. scope]);
        var table = await CliRun.Of(["plan", "--simulation", path, "--as-of", SampleOrganization.AsOf, .. scope]);

        Assert.Equal((0, 0), (json.ExitCode, table.ExitCode));
        Assert.Equal(["svc"], ReportRow.From(json.Json()).Select(r => r.UserName).Distinct());
        Assert.Equal(2, json.Json().GetProperty("accounts")[0].GetProperty("usersOutOfScope").GetInt32());
        Assert.Contains("  users out of the managed scope (never planned): 2", table.Out, StringComparison.Ordinal);
        Assert.Equal(["svc"], json.Worlds.Single().IssuedKeys.Select(k => k.UserName));
        var after = File.ReadAllText(state);
        Assert.Contains("\"path\": \"/service/batch/\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoScope_NoOutOfScopeField()
    {
        var path = files.Write("org.json", Organization);

        var json = await CliRun.Of("plan", "--simulation", path, "--as-of", SampleOrganization.AsOf, "--output", "json");

        Assert.False(json.Json().GetProperty("accounts")[0].TryGetProperty("usersOutOfScope", out _));
        Assert.Equal(["admin", "batch", "svc"], ReportRow.From(json.Json()).Select(r => r.UserName).Distinct().Order());
    }

    [Fact]
    public async Task Plan_BreakGlassRoleArnNotARole_ExitsTwoNamingIt()
    {
        using var cli = new AwsCli();

        var plan = await cli.Plan("--break-glass-role-arn", "arn:aws:iam::111111111111:user/alice");

        Assert.Equal(ExitCodes.InvalidInput, plan.ExitCode);
        Assert.Contains("--break-glass-role-arn 'arn:aws:iam::111111111111:user/alice' is not an IAM role ARN", plan.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Cloud.Requests);
    }

    [Fact]
    public async Task Run_BreakGlassRoleWithSimulation_Refused()
    {
        var path = files.Write("org.json", Organization);

        var run = await CliRun.Of("plan", "--simulation", path, "--break-glass-role-arn", "arn:aws:iam::111111111111:role/bg");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--break-glass-role-arn applies to runs against AWS only", run.Error, StringComparison.Ordinal);
    }
}
