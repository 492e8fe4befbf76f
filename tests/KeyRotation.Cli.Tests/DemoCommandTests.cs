using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests;

public sealed class DemoCommandTests
{
    /// <summary>Every decision row of ROTATION-POLICY.md the demo promises, performed for real.</summary>
    private static readonly string[] PromisedRows =
    [
        "CreateKey/RotationDue", "DeleteKey/SlotNeededForRotation", "DeleteKey/InactivePastDeleteAge", "Blocked/KeyLimit",
        "DeactivateKey/PastDeactivateAgeAndIdle", "DeactivateKey/NeverUsed", "DeactivateKey/ForcedDeadline",
        "Warn/StillInUse", "Skip/Exempt", "Warn/ExemptionExpired", "Warn/OverrideRejected",
    ];

    [Fact]
    public async Task Demo_Table_ShowsEachAccountTheSummaryAndWhereSecretsWent()
    {
        var run = await CliRun.Of("demo");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("Demo (seed 1)", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"Account \d{12} dev: Processed", run.Out);
        Assert.Matches(@"Account \d{12} sandbox: Skipped \(OptOut\)", run.Out);
        Assert.Matches(@"Account \d{12} legacy-billing: Skipped \(OptOut\)", run.Out);
        Assert.Matches(@"Account \d{12} retired: Skipped \(NotActive\)", run.Out);
        Assert.Contains("Summary: 6 accounts: 3 processed, 3 skipped, 0 failed, 0 deferred", run.Out, StringComparison.Ordinal);
        Assert.Contains("secret stored at arn:aws:secretsmanager:", run.Out, StringComparison.Ordinal);
        var world = run.Worlds.Single();
        Assert.NotEmpty(world.SecretVault.Secrets);
        Assert.All(world.SecretVault.Secrets, s => Assert.Contains(s.Location, run.Out, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    public async Task Demo_AnyOutput_NeverPrintsASecret(string output)
    {
        var run = await CliRun.Of("demo", "--output", output);

        var world = run.Worlds.Single();
        var secrets = world.SecretVault.Secrets.Select(s => s.Key.SecretAccessKey.Reveal()).Concat(run.IssuedSecrets).ToList();
        Assert.NotEmpty(secrets);
        Assert.All(secrets, secret =>
        {
            Assert.DoesNotContain(secret, run.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, run.Error, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(77)]
    [InlineData(123456)]
    public async Task Demo_AnySeed_PerformsEveryPolicyDecision(int seed)
    {
        var run = await CliRun.Of("demo", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", "json");

        Assert.Equal(0, run.ExitCode);
        var report = run.Json();
        Assert.False(report.GetProperty("dryRun").GetBoolean());
        var rows = ReportRow.From(report);
        Assert.All(rows, r => Assert.Equal("Succeeded", r.Outcome));
        var happened = rows.Select(r => $"{r.Action}/{r.Reason}").ToHashSet();
        Assert.All(PromisedRows, row => Assert.Contains(row, happened));
        var skipReasons = report.GetProperty("accounts").EnumerateArray()
            .Where(a => a.GetProperty("status").GetString() == "Skipped")
            .Select(a => a.GetProperty("reason").GetString()!).Order().ToArray();
        Assert.Equal(["NotActive", "OptOut", "OptOut"], skipReasons);
        Assert.Equal(365, report.GetProperty("policy").GetProperty("forceDeactivateAfterDays").GetInt32());
    }

    [Fact]
    public async Task Demo_SameSeedAndInstant_SameDecisions()
    {
        var first = ReportRow.From((await CliRun.Of("demo", "--seed", "5", "--output", "json")).Json());
        var second = ReportRow.From((await CliRun.Of("demo", "--seed", "5", "--output", "json")).Json());

        // New key ids come from the simulated IAM in whatever order parallel users reach it, so CreateKey rows are
        // compared by count only; every other decision must match exactly.
        Assert.Equal(first.Count(r => r.Action == "CreateKey"), second.Count(r => r.Action == "CreateKey"));
        static IEnumerable<string> Decisions(IEnumerable<ReportRow> rows) =>
            rows.Where(r => r.Action != "CreateKey").Select(r => $"{r.AccountId} {r.UserName} {r.AccessKeyId} {r.Action} {r.Reason}").Order();
        Assert.Equal(Decisions(first), Decisions(second));
    }

    [Fact]
    public async Task Demo_AsOf_IsTheEvaluationInstant()
    {
        var run = await CliRun.Of("demo", "--as-of", "2027-03-01T08:30:00Z", "--output", "json");

        Assert.Equal("2027-03-01T08:30:00Z", run.Json().GetProperty("asOf").GetString());
        Assert.StartsWith("2027-03-01T08-30-00Z-", run.Json().GetProperty("runId").GetString(), StringComparison.Ordinal);
    }
}
