using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;

namespace KeyRotation.Cli.Tests.EndToEnd;

/// <summary>
/// Issue #4's done-when: after <see cref="AuditScenario"/>, <c>keyrotation audit</c> by account, access key id, run
/// and time range returns exactly the matching stored events, in table, JSON and CSV; and no stored item holds a
/// secret.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class AuditTableEndToEndTests(DynaliteFixture dynalite)
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static AuditScenario? scenario;

    private static readonly string[] CsvHeader =
    [
        "eventId", "occurredAt", "accountId", "userName", "accessKeyId", "action", "reason", "outcome", "error",
        "runId", "actor", "policy", "keyAgeDays", "lastUsedAt", "toolVersion", "detail", "summary",
        "intentId",
    ];

    [DynaliteFact]
    public async Task CreateTableThenDemoTwice_AllSucceed_AndEachRunStoresExactlyWhatItReported()
    {
        var s = await Scenario();

        Assert.Equal((0, ""), (s.CreateTable.ExitCode, s.CreateTable.Error));
        Assert.Contains($"Created audit table '{s.Table}'", s.CreateTable.Out, StringComparison.Ordinal);
        foreach (var demo in new[] { s.EarlierDemo, s.LaterDemo })
        {
            Assert.Equal((0, ""), (demo.ExitCode, demo.Error));
            var report = demo.Json();
            var runId = report.GetProperty("runId").GetString()!;
            var stored = s.Stored.Where(e => e.RunId == runId).ToList();
            var rows = ReportRow.From(report);
            Assert.NotEmpty(rows);

            // Every action of the report is one stored event with the same facts, and nothing else is stored but
            // the run's start, its end, one event per skipped account, and for each change its intent (and for each
            // secret stored, the StoreSecret intent and outcome).
            var intents = stored.Where(e => e.IsIntent).ToList();
            stored = stored.Where(e => !e.IsIntent && e.Action != AuditAction.StoreSecret).ToList();
            static string Facts(string account, string? user, string? key, string action, string? reason, string outcome, string? detail) =>
                $"{account}|{user}|{key}|{action}|{reason}|{outcome}|{detail}";
            var plannerActions = Enum.GetNames<ActionKind>();
            Assert.Equal(
                rows.Select(r => Facts(r.AccountId, r.UserName, r.AccessKeyId, r.Action, r.Reason, r.Outcome, r.Detail)).Order(),
                stored.Where(e => plannerActions.Contains(e.Action))
                    .Select(e => Facts(e.AccountId, e.UserName, e.AccessKeyId, e.Action, e.Reason, e.Outcome, e.Detail)).Order());
            var skipped = report.GetProperty("accounts").EnumerateArray().Count(a => a.GetProperty("status").GetString() == "Skipped");
            Assert.Equal(
                new[] { AuditAction.AccountSkipped, AuditAction.RunFinished, AuditAction.RunStarted },
                stored.Where(e => !plannerActions.Contains(e.Action)).Select(e => e.Action).Distinct().Order());
            Assert.Equal(skipped, stored.Count(e => e.Action == AuditAction.AccountSkipped));
            Assert.Equal(rows.Count + skipped + 2, stored.Count);
            Assert.Equal(rows.Count(r => r.Outcome == AuditOutcome.Succeeded && r.Action is "CreateKey" or "DeactivateKey" or "DeleteKey")
                + rows.Count(r => r.Outcome == AuditOutcome.Succeeded && r.Action == "CreateKey"), intents.Count);
        }

        Assert.Equal(s.Items.Count, s.Stored.Select(e => e.EventId).Distinct().Count());
    }

    [DynaliteFact]
    public async Task Audit_ByAccount_ReturnsExactlyThatAccountsEventsOfBothRuns()
    {
        var s = await Scenario();
        var account = s.Stored.Where(e => e.UserName is not null).GroupBy(e => e.AccountId).MaxBy(g => g.Count())!.Key;

        await AssertQueryReturnsExactly(s, ["--account", account], e => e.AccountId == account, expectedRuns: 2);
    }

    [DynaliteFact]
    public async Task Audit_ByAccessKeyId_ReturnsExactlyThatKeysHistoryAcrossRuns()
    {
        var s = await Scenario();
        var key = s.Stored.Where(e => e.AccessKeyId is not null).GroupBy(e => e.AccessKeyId!)
            .Where(g => g.Select(e => e.RunId).Distinct().Count() == 2).MaxBy(g => g.Count())!.Key;

        await AssertQueryReturnsExactly(s, ["--access-key-id", key], e => e.AccessKeyId == key, expectedRuns: 2);
    }

    [DynaliteFact]
    public async Task Audit_ByRun_ReturnsExactlyThatRunsEvents()
    {
        var s = await Scenario();

        await AssertQueryReturnsExactly(s, ["--run", s.LaterRunId], e => e.RunId == s.LaterRunId, expectedRuns: 1);
    }

    [DynaliteFact]
    public async Task Audit_BySinceUntilDays_ReturnsExactlyTheEventsOfThoseDays()
    {
        var s = await Scenario();
        var since = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

        await AssertQueryReturnsExactly(s, ["--since", "2026-11-29", "--until", "2026-11-30"],
            e => e.OccurredAt >= since && e.OccurredAt < since.AddDays(1), expectedRuns: 1);
    }

    [DynaliteFact]
    public async Task Audit_BySinceUntilInstants_UntilIsExclusive()
    {
        var s = await Scenario();
        var earlier = DateTimeOffset.Parse(AuditScenario.EarlierAsOf, System.Globalization.CultureInfo.InvariantCulture);

        await AssertQueryReturnsExactly(s, ["--since", "2026-11-25T08:00:00Z", "--until", "2026-11-25T08:00:01Z"],
            e => e.OccurredAt >= earlier && e.OccurredAt < earlier.AddSeconds(1), expectedRuns: 1);
        var none = await s.AuditAsync("json", "--since", "2026-11-25T07:00:00Z", "--until", "2026-11-25T08:00:00Z");
        Assert.Equal((0, "[]"), (none.ExitCode, none.Out.Trim()));
    }

    [DynaliteFact]
    public async Task DemoIntoTable_EveryStoredItem_HoldsNoGeneratedSecret()
    {
        var s = await Scenario();
        var secrets = s.Secrets;

        Assert.NotEmpty(secrets);
        Assert.NotEmpty(s.Items);
        foreach (var item in s.Items)
        {
            var text = string.Join("\n", item.Select(a => a.Key + "=" + Render(a.Value)));
            Assert.All(secrets, secret =>
            {
                // Also as a JSON string would spell it ('+' and '/' escaped), since the run summary is JSON text.
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                Assert.DoesNotContain(JsonSerializer.Serialize(secret).Trim('"'), text, StringComparison.Ordinal);
            });
        }
    }

    /// <summary>The same criteria in all three formats: the same events, in sort-key order, nothing more.</summary>
    private static async Task AssertQueryReturnsExactly(
        AuditScenario s, string[] criteria, Func<AuditEvent, bool> matches, int expectedRuns)
    {
        // Auditors' default listing: outcomes only (each change's intent is listed with --include-intents).
        var expected = s.Stored.Where(e => !e.IsIntent).Where(matches).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < s.Stored.Count, "the criteria must leave some stored events out");
        Assert.Equal(expectedRuns, expected.Select(e => e.RunId).Distinct().Count());
        var ids = expected.Select(e => e.EventId).ToList();

        var json = await s.AuditAsync("json", criteria);
        Assert.Equal((0, ""), (json.ExitCode, json.Error));
        var objects = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(ids, objects.Select(o => o.GetProperty("eventId").GetString()));
        Assert.All(objects.Zip(expected), pair =>
        {
            var (o, e) = pair;
            Assert.Equal(CsvHeader, o.EnumerateObject().Select(p => p.Name));
            Assert.Equal((e.AccountId, e.UserName, e.AccessKeyId, e.Action, e.Reason, e.Outcome, e.RunId),
                (o.GetProperty("accountId").GetString(), o.GetProperty("userName").GetString(), o.GetProperty("accessKeyId").GetString(),
                 o.GetProperty("action").GetString()!, o.GetProperty("reason").GetString(), o.GetProperty("outcome").GetString()!,
                 o.GetProperty("runId").GetString()!));
        });

        var csv = await s.AuditAsync("csv", criteria);
        Assert.Equal((0, ""), (csv.ExitCode, csv.Error));
        var records = Csv.Parse(csv.Out);
        Assert.Equal(CsvHeader, records[0]);
        Assert.Equal(ids, records.Skip(1).Select(r => r[0]));
        Assert.All(records, r => Assert.Equal(CsvHeader.Length, r.Length));
        Assert.Equal(expected.Select(e => e.AccessKeyId ?? ""), records.Skip(1).Select(r => r[4]));

        var table = await s.AuditAsync("table", criteria);
        Assert.Equal((0, ""), (table.ExitCode, table.Error));
        var lines = table.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.StartsWith("OCCURRED AT (UTC)", lines[0], StringComparison.Ordinal);
        Assert.Equal($"{expected.Count} events", lines[^1]);
        Assert.Equal(expected.Count, lines.Length - 2);
        Assert.All(lines[1..^1].Zip(expected), pair =>
        {
            var (line, e) = pair;
            Assert.StartsWith(e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "  " + e.AccountId, line, StringComparison.Ordinal);
            Assert.Contains($"  {e.Action}  ", line, StringComparison.Ordinal);
            Assert.Contains(e.RunId, line, StringComparison.Ordinal);
        });
    }

    private static string Render(AttributeValue value) =>
        value.S ?? value.N ?? (value.SS is { } ss ? string.Join(",", ss)
            : value.L is { } list ? string.Join(",", list.Select(Render))
            : value.M is { } map ? string.Join(",", map.Select(p => p.Key + ":" + Render(p.Value)))
            : value.B is { } bytes ? Convert.ToBase64String(bytes.ToArray())
            : "");

    private async Task<AuditScenario> Scenario()
    {
        await Once.WaitAsync();
        try
        {
            return scenario ??= await AuditScenario.RunAsync(dynalite);
        }
        finally
        {
            Once.Release();
        }
    }
}
