using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Running;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Cli.Tests.Stopping;

/// <summary>Every exit code a plan or run can end with, each from a real command line where one can be made.</summary>
public sealed class HonestExitCodeTests
{
    private static readonly string Example = RepositoryRoot.File("examples", "org.json");

    [Fact]
    public void ExitCodes_NewValues_AreTheDocumentedOnes()
    {
        Assert.Equal((6, 130, 143), (ExitCodes.OutputNotWritten, ExitCodes.Interrupted, ExitCodes.Terminated));
    }

    [Fact]
    public async Task Run_ServerErrorsWithOneRetry_FailedActionsExitAccountsFailed()
    {
        // One account and one user at a time: a fault falls on a call by its place in its (service, operation, account)
        // sequence, and with users in parallel the audit table's sequence follows their interleaving, so one run in
        // about eight also lost an audit write twice and rightly exited AuditIncomplete instead.
        var run = await CliRun.Of("run", "--simulation", Example, "--as-of", "2026-11-29T12:00:00Z",
            "--faults", "server-error=0.15", "--max-retries", "1", "--seed", "3", "--output", "json",
            "--max-accounts-in-flight", "1", "--max-users-in-flight", "1");

        Assert.Equal(ExitCodes.AccountsFailed, run.ExitCode);
        // One retry per request: without any, the organization listing (a dozen requests, each retried alone) would
        // fail the whole run before an action is tried. Some accounts fail too (the audit reads before planning meet
        // the same faults); what matters here is
        // that failed actions are counted and the exit code says so.
        var summary = run.Json().GetProperty("summary");
        Assert.True(summary.GetProperty("failedActions").GetInt32() > 0);
    }

    [Fact]
    public async Task Run_SecretStoreDownInOneAccount_RolledBackCreatesExitAccountsFailed()
    {
        var run = await CliRun.Of("run", "--simulation", Example, "--as-of", "2026-11-29T12:00:00Z",
            "--faults", "secret-store-down=555555555555", "--seed", "1", "--output", "json");

        Assert.Equal(ExitCodes.AccountsFailed, run.ExitCode);
        Assert.True(run.Json().GetProperty("summary").GetProperty("failedActions").GetInt32() > 0);
    }

    [Fact]
    public async Task Run_NoFaults_ExitsSuccess()
    {
        var run = await CliRun.Of("run", "--simulation", Example, "--as-of", "2026-11-29T12:00:00Z", "--seed", "1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
    }

    [Fact]
    public async Task Run_OneAccountDenied_IsSkippedRoleNotDeployedWithWarningAndExitsSuccess()
    {
        var run = await CliRun.Of("run", "--simulation", Example, "--as-of", "2026-11-29T12:00:00Z", "--seed", "1",
            "--faults", "deny-account=333333333333", "--output", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var account = run.Json().GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == "333333333333");
        Assert.Equal(("Skipped", "RoleNotDeployed"), (account.GetProperty("status").GetString(), account.GetProperty("reason").GetString()));
        Assert.Contains("AccessDenied", account.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, run.Json().GetProperty("summary").GetProperty("roleRefused").GetInt32());
        Assert.Contains(run.Json().GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("333333333333", StringComparison.Ordinal));
        var skipped = run.Worlds.Single().AuditLog.Events.Single(e => e.AccountId == "333333333333");
        Assert.Equal((AuditAction.AccountSkipped, "RoleNotDeployed"), (skipped.Action, skipped.Reason));
        Assert.Contains("AccessDenied", skipped.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DeniedAccountAskedForById_FailsAsBefore()
    {
        var run = await CliRun.Of("run", "--simulation", Example, "--as-of", "2026-11-29T12:00:00Z", "--seed", "1",
            "--faults", "deny-account=333333333333", "--accounts", "333333333333");

        Assert.Equal(ExitCodes.AccountsFailed, run.ExitCode);
        Assert.Contains("Account 333333333333 prod-payments: Failed", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EveryAccountDenied_NothingEnteredExitsAccountsFailedAndSaysWhatToCheck()
    {
        string[] deny = ["222222222222", "333333333333", "444444444444", "555555555555", "666666666666", "777777777777", "888888888888"];
        var run = await CliRun.Of("run", "--simulation", Example, "--as-of", "2026-11-29T12:00:00Z", "--seed", "1",
            "--faults", string.Join(',', deny.Select(d => "deny-account=" + d)));

        Assert.Equal(ExitCodes.AccountsFailed, run.ExitCode);
        Assert.Contains("check the central role", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, false, 0, ExitCodes.Success)]
    [InlineData(0, 1, false, 0, ExitCodes.AccountsFailed)]
    [InlineData(0, 0, true, 0, ExitCodes.AccountsFailed)]
    [InlineData(0, 0, false, 1, ExitCodes.Deferred)]
    [InlineData(1, 1, false, 0, ExitCodes.AccountsFailed)]
    public void For_FailedActionsRefusedRolesInterruptions_PickTheRightCode(
        int failedAccounts, int failedActions, bool onlyRefusedRoles, int interrupted, int expected)
    {
        var accounts = onlyRefusedRoles
            ? new[] { new AccountReport("222222222222", "a", AccountStatus.Skipped, "RoleNotDeployed", null, []) }
            : [new AccountReport("222222222222", "a", AccountStatus.Processed, null, null, [])];
        var summary = new RunSummary(1, onlyRefusedRoles ? 0 : 1, onlyRefusedRoles ? 1 : 0, failedAccounts, 0,
            new Dictionary<string, int>(), []) { FailedActions = failedActions, Interrupted = interrupted };
        var report = new RunReport("r", DateTimeOffset.UnixEpoch, false, RotationPolicy.Default, accounts, summary, [], []);

        Assert.Equal(expected, ReportExitCode.For(report));
    }
}
