using KeyRotation.Cli.Tests.Support;
using KeyRotation.Core.Facts;

namespace KeyRotation.Cli.Tests.Commands.Incidents;

/// <summary>keyrotation revoke and restore as command lines against the sample simulation file.</summary>
public sealed class IncidentCommandTests : IDisposable
{
    private readonly TempFiles files = new();
    private readonly string organization;

    public IncidentCommandTests() => organization = files.Write("org.json", SampleOrganization.Json);

    public void Dispose() => files.Dispose();

    private Task<CliRun> Run(params string[] args) =>
        CliRun.Of([.. args, "--simulation", organization, "--as-of", SampleOrganization.AsOf]);

    private static AccessKeyStatus StatusOf(CliRun run, string keyId) =>
        run.Worlds.Single().Organization.Accounts.SelectMany(a => a.Users).SelectMany(u => u.AccessKeys).Single(k => k.Id == keyId).Status;

    [Fact]
    public async Task Revoke_WithoutConfirm_SaysWhatItWouldDoAndChangesNothing()
    {
        var run = await Run("revoke", "--access-key-id", "AKIAEXAMPLEALICE0001", "--reason", "INC-1", "--replace");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("dry run, nothing was changed (add --confirm to act)", run.Out, StringComparison.Ordinal);
        Assert.Contains("RevokeKey Revoked Planned AKIAEXAMPLEALICE0001: reason: INC-1", run.Out, StringComparison.Ordinal);
        Assert.Contains("CreateKey Revoked Planned (new key)", run.Out, StringComparison.Ordinal);
        Assert.Equal(AccessKeyStatus.Active, StatusOf(run, "AKIAEXAMPLEALICE0001"));
    }

    [Fact]
    public async Task Revoke_ConfirmedWithReplace_DeactivatesHandsOverAndPrintsNoSecret()
    {
        var run = await Run("revoke", "--access-key-id", "AKIAEXAMPLEALICE0001", "--reason", "INC-2", "--replace", "--confirm",
            "--output", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(AccessKeyStatus.Inactive, StatusOf(run, "AKIAEXAMPLEALICE0001"));
        var json = run.Json();
        Assert.Equal(("222222222222", "alice"), (json.GetProperty("accountId").GetString(), json.GetProperty("userName").GetString()));
        Assert.Equal(["RevokeKey", "CreateKey"], json.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        var secret = Assert.Single(run.IssuedSecrets);
        Assert.DoesNotContain(secret, run.Out + run.Error, StringComparison.Ordinal);
        Assert.NotNull(run.Worlds.Single().SecretVault.Find("222222222222", "alice"));
    }

    [Fact]
    public async Task Revoke_ExemptUser_RevokedAnywayAndTheOutputSaysWhy()
    {
        var run = await Run("revoke", "--access-key-id", "AKIAEXAMPLEFRANK0001", "--reason", "INC-3", "--confirm");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(AccessKeyStatus.Inactive, StatusOf(run, "AKIAEXAMPLEFRANK0001"));
        Assert.Contains("user frank exempt", run.Out, StringComparison.Ordinal);
        Assert.Contains("revoked anyway because this is an incident action", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AKIAEXAMPLENOSUCHKEY", "KeyNotFound")]
    [InlineData("ASIAEXAMPLETEMPORARY", "InvalidAccessKeyId")]
    public async Task Revoke_KeyThatCannotBeRevoked_NamedErrorExit2(string keyId, string error)
    {
        var run = await Run("revoke", "--access-key-id", keyId, "--reason", "INC-4", "--confirm");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {error}: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_AccountWithoutMemberRole_RoleNotDeployedExit2()
    {
        var run = await Run("revoke", "--access-key-id", "AKIAEXAMPLEALICE0001", "--reason", "INC-5", "--confirm",
            "--faults", "deny-account=222222222222");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: RoleNotDeployed: ", run.Error, StringComparison.Ordinal);
        Assert.Equal(AccessKeyStatus.Active, StatusOf(run, "AKIAEXAMPLEALICE0001"));
    }

    [Fact]
    public async Task Revoke_WithoutReason_Exit2NamingTheFlag()
    {
        var run = await Run("revoke", "--access-key-id", "AKIAEXAMPLEALICE0001", "--confirm");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--reason", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_InsideRecoveryWindow_Reactivates()
    {
        var run = await Run("restore", "--access-key-id", "AKIAEXAMPLEERIN00002", "--confirm");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("RestoreKey Restored Succeeded AKIAEXAMPLEERIN00002", run.Out, StringComparison.Ordinal);
        Assert.Equal(AccessKeyStatus.Active, StatusOf(run, "AKIAEXAMPLEERIN00002"));
    }

    [Theory]
    [InlineData(false, 2, AccessKeyStatus.Inactive)]
    [InlineData(true, 0, AccessKeyStatus.Active)]
    public async Task Restore_KeyNotDeactivatedByTheTool_RefusedUnlessForced(bool force, int exitCode, AccessKeyStatus after)
    {
        string[] flags = force ? ["--force"] : [];
        var run = await Run(["restore", "--access-key-id", "AKIAEXAMPLEBOB000002", "--confirm", .. flags]);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(after, StatusOf(run, "AKIAEXAMPLEBOB000002"));
        if (!force) Assert.Contains("error: NotDeactivatedByTool: ", run.Error, StringComparison.Ordinal);
    }
}
