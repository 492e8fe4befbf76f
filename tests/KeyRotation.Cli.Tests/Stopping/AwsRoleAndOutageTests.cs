using KeyRotation.Cli.Hosting;
using System.Diagnostics;
using KeyRotation.Cli.Tests.Aws;

namespace KeyRotation.Cli.Tests.Stopping;

/// <summary>Against the AWS stub over HTTP: the management account's refused role, and endpoints that go away mid-run.</summary>
public sealed class AwsRoleAndOutageTests : IDisposable
{
    private readonly AwsCli cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Run_FromTheManagementAccountWithoutItsMemberRole_SkippedAsManagementAccountExitSuccess()
    {
        cli.Cloud.CallerAccount = SmallOrganization.Web;
        cli.Cloud.DeniedAccounts.Add(SmallOrganization.Web);

        var run = await cli.Rotate();

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var web = run.Json().GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == SmallOrganization.Web);
        Assert.Equal(("Skipped", "ManagementAccount"), (web.GetProperty("status").GetString(), web.GetProperty("reason").GetString()));
        Assert.Contains("AccessDenied", web.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, run.Json().GetProperty("summary").GetProperty("roleRefused").GetInt32());
    }

    [Fact]
    public async Task Run_ManagementAccountAskedForById_RefusalFails()
    {
        cli.Cloud.CallerAccount = SmallOrganization.Web;
        cli.Cloud.DeniedAccounts.Add(SmallOrganization.Web);

        var run = await cli.Rotate("--accounts", SmallOrganization.Web);

        Assert.True(run.ExitCode == ExitCodes.AccountsFailed, run.ToString());
    }

    [Fact]
    public async Task Run_MemberRoleMissingInAnAccount_SkippedAsRoleNotDeployed()
    {
        cli.Cloud.DeniedAccounts.Add(SmallOrganization.Sandbox);

        var run = await cli.Rotate();

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var sandbox = run.Json().GetProperty("accounts").EnumerateArray()
            .Single(a => a.GetProperty("accountId").GetString() == SmallOrganization.Sandbox);
        Assert.Equal(("Skipped", "RoleNotDeployed"), (sandbox.GetProperty("status").GetString(), sandbox.GetProperty("reason").GetString()));
        Assert.Contains("warning: 1 account(s) skipped because the member role was refused", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EndpointsGoAwayMidRun_GivesUpInSecondsNamingTheOutage()
    {
        for (var i = 0; i < 6; i++)
        {
            var id = $"55555555555{i}";
            var account = new FakeAccount(id, $"extra-{i}", "ou-sandbox");
            var user = new FakeUser("erin");
            user.Keys.Add(new FakeKey($"AKIAERIN{i}0000000001", "erin-secret", "Active", SmallOrganization.Start.AddDays(-200)));
            account.Users.Add(user);
            cli.Cloud.Accounts.Add(account);
        }

        var assumed = 0;
        cli.Cloud.Fault = request =>
        {
            // The third account entered finds nothing answering: the listener closes while its AssumeRole is in flight.
            if (request.Action == "AssumeRole" && Interlocked.Increment(ref assumed) == 3)
            {
                _ = Task.Run(cli.Server.Dispose);
                return new StubResponse(503, "closing", "text/plain");
            }

            return null;
        };
        var clock = Stopwatch.StartNew();

        var run = await cli.Rotate("--max-accounts-in-flight", "1");

        clock.Stop();
        // Before: 122 s and 1,448 retries. A generous bound that still fails on minutes of retrying.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}\n{run}");
        Assert.True(run.ExitCode == ExitCodes.AccountsFailed, run.ToString());
        var report = run.Json();
        Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("AWS stopped answering", StringComparison.Ordinal));
        Assert.True(report.GetProperty("summary").GetProperty("retries").GetInt64() < 20, run.ToString());
        Assert.Contains(report.GetProperty("accounts").EnumerateArray(),
            a => a.TryGetProperty("error", out var e) && e.GetString()!.StartsWith("not started: AWS stopped answering", StringComparison.Ordinal));
    }
}
