using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests.Commands.Audit;

/// <summary>audit verify and --audit-digest-bucket refuse bad input before touching any store, naming option and value.</summary>
public sealed class AuditVerifyOptionsTests
{
    [Fact]
    public async Task Verify_BadBucketName_ExitsInvalidInputNamingIt()
    {
        var run = await CliRun.Of("audit", "verify", "--table", "audit", "--audit-digest-bucket", "Bad_Bucket");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--audit-digest-bucket 'Bad_Bucket' is not an S3 bucket name", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NoBucket_SaysItIsRequiredAndNamesTheVariable()
    {
        var run = await CliRun.Of("audit", "verify", "--table", "audit");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--audit-digest-bucket is required (or set KEYROTATION_AUDIT_DIGEST_BUCKET)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RunAndSinceTogether_AndBadSince_AreAllReported()
    {
        var run = await CliRun.Of("audit", "verify", "--table", "audit", "--audit-digest-bucket", "digests", "--run", "r1",
            "--since", "2026-12-01", "--output", "csv");
        var since = await CliRun.Of("audit", "verify", "--table", "audit", "--audit-digest-bucket", "digests", "--since", "yesterday");

        Assert.Equal((ExitCodes.InvalidInput, ExitCodes.InvalidInput), (run.ExitCode, since.ExitCode));
        Assert.Contains("--run and --since exclude each other", run.Error, StringComparison.Ordinal);
        Assert.Contains("--output 'csv' must be one of: table, json.", run.Error, StringComparison.Ordinal);
        Assert.Contains("--since 'yesterday'", since.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DigestBucketWithoutAuditTable_IsRefused()
    {
        using var files = new TempFiles();
        var simulation = files.Write("org.json", SampleOrganization.Json);

        var run = await CliRun.Of("run", "--simulation", simulation, "--audit-digest-bucket", "digests");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--audit-digest-bucket seals the events of the audit table, so it needs --audit-table NAME too", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Worlds);
    }

    [Fact]
    public async Task Run_BadDigestBucketName_IsRefusedNamingIt()
    {
        using var files = new TempFiles();
        var simulation = files.Write("org.json", SampleOrganization.Json);

        var run = await CliRun.Of("run", "--simulation", simulation, "--audit-table", "audit", "--audit-digest-bucket", "a..b");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--audit-digest-bucket 'a..b' is not an S3 bucket name (no two dots in a row)", run.Error, StringComparison.Ordinal);
    }
}
