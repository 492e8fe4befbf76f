using System.Text.Json;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests;

public sealed class PlanCommandTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Plan_HandWrittenFile_DecidesAsThePolicyPrescribes()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        var run = await CliRun.Of("plan", "--simulation", path, "--as-of", SampleOrganization.AsOf, "--output", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var rows = ReportRow.From(run.Json()).Select(r => $"{r.AccountId} {r.UserName} {r.AccessKeyId ?? "-"} {r.Action}/{r.Reason}");
        Assert.Equal(
            new[]
            {
                // Newest Active key 170 >= 165: a new key; 170 < 180 so nothing is deactivated.
                "222222222222 alice - CreateKey/RotationDue",
                // Inactive, 190 >= 185, deactivated by someone else: judged by age alone.
                "222222222222 bob AKIAEXAMPLEBOB000002 DeleteKey/InactivePastDeleteAge",
                // 200 days and used yesterday: rotate, and tell the owner to move over.
                "222222222222 carol - CreateKey/RotationDue",
                "222222222222 carol AKIAEXAMPLECAROL0001 Warn/StillInUse",
                // 200 days, never used: rotate and deactivate.
                "222222222222 dave - CreateKey/RotationDue",
                "222222222222 dave AKIAEXAMPLEDAVE00001 DeactivateKey/NeverUsed",
                // Two keys; the Inactive one is in its recovery window (deactivated 2 days ago, window 5).
                "222222222222 erin - Blocked/KeyLimit",
                "222222222222 frank - Skip/Exempt",
                // grace (164 days) gets nothing; heidi at exactly 165 rotates.
                "222222222222 heidi - CreateKey/RotationDue",
                // The account's rotate-after-days=90 makes a 100-day-old key due.
                "333333333333 ivan - CreateKey/RotationDue",
            },
            rows.Order(StringComparer.Ordinal));
        Assert.All(ReportRow.From(run.Json()), r => Assert.Equal("Planned", r.Outcome));
    }

    [Fact]
    public async Task Plan_HandWrittenFile_SkipsOptedOutAndSuspendedAccounts()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        var report = (await CliRun.Of("plan", "--simulation", path, "--as-of", SampleOrganization.AsOf, "--output", "json")).Json();

        var accounts = report.GetProperty("accounts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("accountName").GetString()!, a => (Status: a.GetProperty("status").GetString(), Reason: a.TryGetProperty("reason", out var r) ? r.GetString() : null));
        Assert.Equal(("Processed", null), accounts["dev"]);
        Assert.Equal(("Processed", null), accounts["prod"]);
        Assert.Equal(("Skipped", "OptOut"), accounts["archive"]);
        Assert.Equal(("Skipped", "NotActive"), accounts["closed"]);
    }

    [Fact]
    public async Task Plan_Json_HasTheReportShapeOfFormats()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        var report = (await CliRun.Of("plan", "--simulation", path, "--as-of", SampleOrganization.AsOf, "--output", "json")).Json();

        Assert.Equal(["runId", "asOf", "dryRun", "policy", "accounts", "summary"], Names(report));
        Assert.Matches("^2026-11-29T12-00-00Z-[0-9a-f]{4}$", report.GetProperty("runId").GetString());
        Assert.Equal("2026-11-29T12:00:00Z", report.GetProperty("asOf").GetString());
        Assert.True(report.GetProperty("dryRun").GetBoolean());

        var policy = report.GetProperty("policy");
        Assert.Equal((165, 180, 185, 10), (policy.GetProperty("rotateAfterDays").GetInt32(), policy.GetProperty("deactivateAfterDays").GetInt32(),
            policy.GetProperty("deleteAfterDays").GetInt32(), policy.GetProperty("idleDays").GetInt32()));
        Assert.Equal(5, policy.GetProperty("recoveryDays").GetInt32());
        Assert.False(policy.TryGetProperty("forceDeactivateAfterDays", out _));
        Assert.Equal("SecretsManager", policy.GetProperty("secretDelivery").GetString());

        var dev = report.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == "222222222222");
        Assert.Equal(["accountId", "accountName", "status", "actions"], Names(dev));
        var create = dev.GetProperty("actions").EnumerateArray().First(a => a.GetProperty("userName").GetString() == "alice");
        Assert.Equal(["userName", "accessKeyId", "action", "reason", "outcome", "detail"], Names(create));
        Assert.Equal(JsonValueKind.Null, create.GetProperty("accessKeyId").ValueKind);
        Assert.Equal("replaces AKIAEXAMPLEALICE0001", create.GetProperty("detail").GetString());

        var skipped = report.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == "444444444444");
        Assert.Equal(["accountId", "accountName", "status", "reason", "actions"], Names(skipped));

        var summary = report.GetProperty("summary");
        Assert.Equal(["accounts", "processed", "skipped", "failed", "deferred", "actions", "failures", "retries"], Names(summary));
        Assert.Equal((4, 2, 2, 0, 0), (summary.GetProperty("accounts").GetInt32(), summary.GetProperty("processed").GetInt32(),
            summary.GetProperty("skipped").GetInt32(), summary.GetProperty("failed").GetInt32(), summary.GetProperty("deferred").GetInt32()));
        Assert.Equal(5, summary.GetProperty("actions").GetProperty("CreateKey").GetInt32());
        Assert.Empty(summary.GetProperty("failures").EnumerateArray());
    }

    [Fact]
    public async Task Plan_Table_ShowsAlignedActionsAndSummary()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        var run = await CliRun.Of("plan", "--simulation", path, "--as-of", SampleOrganization.AsOf);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => l.StartsWith("Run 2026-11-29T12-00-00Z-", StringComparison.Ordinal) && l.Contains("dry run", StringComparison.Ordinal));
        Assert.Contains("Account 444444444444 archive: Skipped (OptOut)", lines);
        Assert.Contains("Summary: 4 accounts: 2 processed, 2 skipped, 0 failed, 0 deferred; 0 retries", lines);
        var header = lines.First(l => l.TrimStart().StartsWith("USER", StringComparison.Ordinal));
        var carol = lines.First(l => l.Contains("StillInUse", StringComparison.Ordinal));
        Assert.Equal(header.IndexOf("ACTION", StringComparison.Ordinal), carol.IndexOf("Warn", StringComparison.Ordinal));
        Assert.Equal(header.IndexOf("REASON", StringComparison.Ordinal), carol.IndexOf("StillInUse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_PolicyFlags_ChangeTheDecisions()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        var report = (await CliRun.Of("plan", "--simulation", path, "--as-of", SampleOrganization.AsOf, "--output", "json",
            "--rotate-after-days", "160", "--force-deactivate-after-days", "190")).Json();

        var rows = ReportRow.From(report);
        Assert.Contains(rows, r => r is { UserName: "grace", Action: "CreateKey" });
        Assert.Contains(rows, r => r is { UserName: "carol", Action: "DeactivateKey", Reason: "ForcedDeadline" });
        Assert.Equal(160, report.GetProperty("policy").GetProperty("rotateAfterDays").GetInt32());
        Assert.Equal(190, report.GetProperty("policy").GetProperty("forceDeactivateAfterDays").GetInt32());
    }

    [Fact]
    public async Task Plan_CisPreset_UsesCisThresholds()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        var report = (await CliRun.Of("plan", "--simulation", path, "--as-of", SampleOrganization.AsOf, "--output", "json",
            "--preset", "cis", "--secret-delivery", "notification", "--plaintext-subscribers", "secops@example.com")).Json();

        var policy = report.GetProperty("policy");
        Assert.Equal((75, 90, 100, 45), (policy.GetProperty("rotateAfterDays").GetInt32(), policy.GetProperty("deactivateAfterDays").GetInt32(),
            policy.GetProperty("deleteAfterDays").GetInt32(), policy.GetProperty("idleDays").GetInt32()));
        Assert.Equal("Notification", policy.GetProperty("secretDelivery").GetString());
        Assert.Contains(ReportRow.From(report), r => r is { UserName: "bob", Action: "DeleteKey" });
    }

    [Fact]
    public async Task Plan_Targeting_SkipsAccountsNotTargeted()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        var report = (await CliRun.Of("plan", "--simulation", path, "--as-of", SampleOrganization.AsOf, "--output", "json",
            "--accounts", "222222222222,333333333333", "--exclude-accounts", "333333333333")).Json();

        var statuses = report.GetProperty("accounts").EnumerateArray().ToDictionary(
            a => a.GetProperty("accountId").GetString()!,
            a => $"{a.GetProperty("status").GetString()}/{(a.TryGetProperty("reason", out var r) ? r.GetString() : "")}");
        Assert.Equal("Processed/", statuses["222222222222"]);
        Assert.Equal("Skipped/NotTargeted", statuses["333333333333"]);
    }

    [Fact]
    public async Task Plan_OuTargetingRepeated_IncludesAccountsBelowTheOu()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        var report = (await CliRun.Of("plan", "--simulation", path, "--as-of", SampleOrganization.AsOf, "--output", "json",
            "--ous", "ou-work", "--exclude-accounts", "222222222222", "--exclude-accounts", "444444444444")).Json();

        var processed = report.GetProperty("accounts").EnumerateArray()
            .Where(a => a.GetProperty("status").GetString() == "Processed").Select(a => a.GetProperty("accountId").GetString());
        Assert.Equal(["333333333333"], processed);
    }

    [Fact]
    public async Task Plan_RunIdGiven_UsesIt()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        var report = (await CliRun.Of("plan", "--simulation", path, "--output", "json", "--run-id", "nightly-42")).Json();

        Assert.Equal("nightly-42", report.GetProperty("runId").GetString());
        Assert.Equal("2026-11-29T12:00:00Z", report.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Plan_Simulation_LeavesTheFileAsItWas()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        await CliRun.Of("plan", "--simulation", path, "--as-of", SampleOrganization.AsOf);

        Assert.Equal(SampleOrganization.Json, await File.ReadAllTextAsync(path));
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
