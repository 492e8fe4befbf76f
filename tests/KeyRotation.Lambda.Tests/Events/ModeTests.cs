using KeyRotation.Core.Facts;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Sweep;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Events;
using KeyRotation.Lambda.Operations;
using KeyRotation.Lambda.Runtime;
using KeyRotation.Lambda.Tests.Support;

namespace KeyRotation.Lambda.Tests.Events;

public sealed class ModeTests
{
    [Theory]
    [InlineData("""{"mode":"sweep"}""")]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("""{"version":"0","id":"x","detail-type":"Scheduled Event","source":"aws.events","detail":{}}""")]
    public async Task Handle_ScheduledOrSweepEvent_RunsOneSweep(string payload)
    {
        var fixture = new DispatcherFixture();

        var report = await fixture.InvokeAsync(payload);

        var options = Assert.Single(fixture.Operations.Options);
        Assert.Equal(options.RunId, report.GetProperty("runId").GetString());
        Assert.Matches(@"^2026-11-29T12-00-00Z-[0-9a-f]{4}$", options.RunId);
        Assert.Equal(HostRunner.Now, options.AsOf);
    }

    [Fact]
    public async Task Handle_Sweep_PassesSettingsIntoRunOptions()
    {
        var fixture = new DispatcherFixture(FakeEnvironment.With(
            (EnvironmentVariables.MaxAccountsInFlight, "3"), (EnvironmentVariables.IncludeAccounts, "222222222222"),
            (EnvironmentVariables.TagPrefix, "corp:"), (EnvironmentVariables.MinimumSecondsPerAccount, "60")));

        await fixture.InvokeAsync("""{"mode":"sweep"}""");

        var options = Assert.Single(fixture.Operations.Options);
        Assert.Equal(3, options.MaxAccountsInFlight);
        Assert.Equal(["222222222222"], options.Targeting.IncludeAccounts);
        Assert.Equal("corp:", options.Tags.Prefix);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MinimumTimePerAccount);
        Assert.Equal(fixture.Settings.Policy, options.Policy);
        Assert.False(options.DryRun);
    }

    [Theory]
    [InlineData("false", """{"mode":"sweep","dryRun":true}""", true)]
    [InlineData("true", """{"mode":"sweep","dryRun":false}""", true)]
    [InlineData("false", """{"mode":"sweep","dryRun":false}""", false)]
    [InlineData("true", """{"mode":"sweep"}""", true)]
    public async Task Handle_DryRunInEvent_CanOnlyMakeTheRunDrier(string configured, string payload, bool expected)
    {
        var fixture = new DispatcherFixture(FakeEnvironment.With((EnvironmentVariables.DryRun, configured)));

        var report = await fixture.InvokeAsync(payload);

        Assert.Equal(expected, Assert.Single(fixture.Operations.Options).DryRun);
        Assert.Equal(expected, report.GetProperty("dryRun").GetBoolean());
    }

    [Fact]
    public async Task Handle_FutureAsOfInRealRun_IsRefused()
    {
        var fixture = new DispatcherFixture();

        var error = await Assert.ThrowsAsync<EventFormatException>(() =>
            fixture.InvokeAsync("""{"mode":"sweep","asOf":"2027-06-01T00:00:00Z"}"""));

        Assert.Contains("asOf: '2027-06-01T00:00:00Z' is in the future", error.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Operations.Options);
    }

    [Fact]
    public async Task Handle_FutureAsOfInDryRun_PlansForThatInstant()
    {
        var fixture = new DispatcherFixture();

        await fixture.InvokeAsync("""{"mode":"sweep","dryRun":true,"asOf":"2027-06-01T00:00:00Z"}""");

        Assert.Equal(new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero), Assert.Single(fixture.Operations.Options).AsOf);
    }

    [Fact]
    public async Task Handle_ListTargets_AnswersAccountsWithRunContextAndOnlyOurTags()
    {
        var fixture = new DispatcherFixture();
        fixture.Operations.Targets =
        [
            RecordingOperations.Account("222222222222", "dev", new Dictionary<string, string>
            {
                ["key-rotation:rotate-after-days"] = "90", ["cost-centre"] = "1234",
            }),
            RecordingOperations.Account("333333333333", "prod"),
        ];

        var answer = await fixture.InvokeAsync("""{"mode":"list-targets","runId":"exec-42"}""");

        Assert.Equal("exec-42", answer.GetProperty("runId").GetString());
        Assert.Equal(HostRunner.Now, answer.GetProperty("asOf").GetDateTimeOffset());
        Assert.Equal(2, answer.GetProperty("count").GetInt32());
        var first = answer.GetProperty("accounts")[0];
        Assert.Equal("222222222222", first.GetProperty("accountId").GetString());
        Assert.Equal("dev", first.GetProperty("accountName").GetString());
        Assert.Equal("90", first.GetProperty("tags").GetProperty("key-rotation:rotate-after-days").GetString());
        Assert.False(first.GetProperty("tags").TryGetProperty("cost-centre", out _));
        Assert.Equal("ou-ab12-cdef3456", first.GetProperty("organizationalUnits")[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKindNull, first.GetProperty("skipped").ValueKind);
    }

    [Fact]
    public async Task Handle_ListTargets_ListsSkippedAccountsMarkedSoSummarizeCountsThem()
    {
        var fixture = new DispatcherFixture();
        fixture.Operations.Skipped = [(RecordingOperations.Account("111111111111", "sandbox"), "OptOut")];

        var answer = await fixture.InvokeAsync("""{"mode":"list-targets","runId":"exec-42"}""");

        Assert.Equal(2, answer.GetProperty("count").GetInt32());
        Assert.Equal(1, answer.GetProperty("skipped").GetInt32());
        var first = answer.GetProperty("accounts")[0];
        Assert.Equal("111111111111", first.GetProperty("accountId").GetString());
        Assert.Equal("OptOut", first.GetProperty("skipped").GetString());
    }

    [Fact]
    public async Task Handle_RotateAccountOfSkippedItem_AnswersSkippedWithoutTheEngine()
    {
        var fixture = new DispatcherFixture();
        fixture.Operations.Skipped = [(RecordingOperations.Account("111111111111", "sandbox"), "OptOut")];
        var listed = await fixture.InvokeAsync("""{"mode":"list-targets","runId":"exec-7"}""");
        var item = listed.GetProperty("accounts")[0].GetRawText();
        var calls = fixture.Operations.Options.Count;

        var answer = await fixture.InvokeAsync($$"""{"mode":"rotate-account","runId":"exec-7","account":{{item}}}""");

        Assert.Equal("Skipped", answer.GetProperty("status").GetString());
        Assert.Equal("OptOut", answer.GetProperty("reason").GetString());
        Assert.Equal(calls, fixture.Operations.Options.Count);
    }

    [Fact]
    public async Task Handle_RotateAccountWithListedAccount_HandsTheEngineTheIdAndTheClaimedFactsOnly()
    {
        var fixture = new DispatcherFixture();
        var listed = await fixture.InvokeAsync("""{"mode":"list-targets","runId":"exec-7"}""");
        var item = listed.GetProperty("accounts")[0].GetRawText();

        var answer = await fixture.InvokeAsync(
            $$"""{"mode":"rotate-account","runId":"exec-7","asOf":"2026-11-29T12:00:00Z","dryRun":false,"account":{{item}}}""");

        var rotated = Assert.Single(fixture.Operations.RotatedAccounts);
        Assert.Equal("222222222222", rotated.AccountId);
        var claimed = Assert.Single(fixture.Operations.Claimed);
        Assert.Equal("ou-ab12-cdef3456", Assert.Single(claimed!.OrganizationalUnits).Id);
        Assert.Equal("exec-7", fixture.Operations.Options[^1].RunId);
        Assert.Equal(HostRunner.Now, fixture.Operations.Options[^1].AsOf);
        Assert.Equal("Processed", answer.GetProperty("status").GetString());
        Assert.Equal(1, answer.GetProperty("actionCounts").GetProperty("CreateKey").GetInt32());
        Assert.Equal(2, answer.GetProperty("retries").GetInt64());
        Assert.Equal(JsonValueKindNull, answer.GetProperty("reason").ValueKind);
        Assert.Equal("CreateKey", answer.GetProperty("actions")[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task Handle_RotateAccountWithIdOnly_HandsTheEngineTheIdWithNoClaim()
    {
        var fixture = new DispatcherFixture();

        var answer = await fixture.InvokeAsync("""{"mode":"rotate-account","accountId":"222222222222"}""");

        Assert.Equal("dev", Assert.Single(fixture.Operations.RotatedAccounts).Name);
        Assert.Null(Assert.Single(fixture.Operations.Claimed));
        Assert.Equal("222222222222", answer.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task Handle_RotateAccountNotInOrganization_FailsNamingTheAccount()
    {
        var fixture = new DispatcherFixture();

        var error = await Assert.ThrowsAsync<AccountNotInOrganizationException>(() =>
            fixture.InvokeAsync("""{"mode":"rotate-account","accountId":"999999999999"}"""));

        Assert.Contains("999999999999", error.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Operations.RotatedAccounts);
    }

    [Theory]
    [InlineData("""{"mode":"rotate-account"}""", "needs accountId")]
    [InlineData("""{"mode":"rotate-account","accountId":"12ab"}""", "accountId: '12ab' is not a 12-digit account id")]
    [InlineData("""{"mode":"rotate"}""", "mode 'rotate' is not known")]
    [InlineData("""{"accountId":"222222222222"}""", "mode is required")]
    [InlineData("""{"mode":"summarize"}""", "summarize needs results")]
    [InlineData("""{"mode":"summarize","results":[]}""", "summarize needs runId")]
    [InlineData("""{"mode":"summarize","runId":"r","results":[{"status":"Processed"}]}""", "results[0] has no accountId")]
    [InlineData("""{"mode":"sweep","runId":"has space"}""", "runId: 'has space' is not a run id: expected 1-128 letters, digits or - _ . :")]
    [InlineData("""{"mode":"sweep","asOf":"yesterday"}""", "asOf: 'yesterday' is not an ISO 8601 instant with a time zone")]
    [InlineData("""{"mode":"sweep","asOf":"2026-11-29T12:00:00"}""", "asOf: '2026-11-29T12:00:00' is not an ISO 8601 instant with a time zone")]
    [InlineData("""{"mode":"sweep","asOf":42}""", "not a valid JSON object")]
    [InlineData("not json", "not a valid JSON object")]
    [InlineData("""{"mode":"summarize","results":[{"accountId":"222222222222","status":"Fine"}]}""", "not a valid JSON object")]
    public async Task Handle_MalformedEvent_FailsNamingTheProblem(string payload, string expected)
    {
        var fixture = new DispatcherFixture();

        var error = await Assert.ThrowsAsync<EventFormatException>(() => fixture.InvokeAsync(payload));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Operations.Options);
    }

    [Fact]
    public async Task Handle_Summarize_HandsTheEngineEveryOutcomeWithFailuresAndRetries()
    {
        var fixture = new DispatcherFixture();

        var answer = await fixture.InvokeAsync("""
            {"mode":"summarize","runId":"exec-7","asOf":"2026-11-29T12:00:00Z","dryRun":false,"results":[
              {"accountId":"222222222222","accountName":"dev","status":"Processed","reason":null,"error":null,"actionCounts":{"CreateKey":2,"DeleteKey":1},
               "actionFailures":["user bob: DeactivateKey AKIAIOSFODNN7EXAMPLE (IdleTooLong) failed: AccessDenied"],"retries":3},
              {"accountId":"444444444444","status":"Failed","error":"STS AssumeRole failed: AccessDenied","retries":1},
              {"accountId":"555555555555","status":"Skipped","reason":"OptOut"}]}
            """);

        var outcomes = Assert.Single(fixture.Operations.Finished);
        Assert.Equal(["222222222222", "444444444444", "555555555555"], outcomes.Select(o => o.AccountId));
        Assert.Equal(2, outcomes[0].ActionCounts["CreateKey"]);
        Assert.Contains("AccessDenied", Assert.Single(outcomes[0].ActionFailures), StringComparison.Ordinal);
        Assert.Equal("OptOut", outcomes[2].Reason);
        Assert.Equal(4, Assert.Single(fixture.Operations.FinishedRetries));
        Assert.Equal("exec-7", fixture.Operations.Options[^1].RunId);
        Assert.Equal(3, answer.GetProperty("summary").GetProperty("accounts").GetInt32());
    }

    [Fact]
    public async Task Handle_Ping_AnswersWithoutTheEngineAndWithoutSecrets()
    {
        var fixture = new DispatcherFixture();

        var answer = await fixture.InvokeAsync("""{"mode":"ping"}""");

        Assert.True(answer.GetProperty("ok").GetBoolean());
        Assert.Equal(EventModes.All, answer.GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
        Assert.DoesNotContain(fixture.Settings.ExternalId.Reveal(), answer.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(fixture.Operations.Options);
    }

    [Fact]
    public async Task Handle_ModeInAnyCase_IsAccepted()
    {
        var fixture = new DispatcherFixture();

        var answer = await fixture.InvokeAsync("""{"Mode":"PING"}""");

        Assert.True(answer.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Handle_SweepAnswerOverLimit_LeavesOutActionsAndSaysSo()
    {
        var fixture = new DispatcherFixture();
        var many = Enumerable.Range(0, 40_000)
            .Select(i => new ActionRecord("user" + i, "AKIA" + i, Core.Planning.ActionKind.Warn, Core.Planning.ReasonCode.StillInUse,
                "Planned", new string('d', 100)))
            .ToList();
        fixture.Operations.Rotate = a => new AccountReport(a.AccountId, a.Name, AccountStatus.Processed, null, null, many);

        var report = await fixture.InvokeAsync("""{"mode":"sweep"}""");

        Assert.Empty(report.GetProperty("accounts")[0].GetProperty("actions").EnumerateArray());
        Assert.Contains("account actions left out", report.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

public sealed class ReportModeTests
{
    [Fact]
    public async Task Handle_ReportMode_AnswersThePostureJsonForTheSettingsOrganization()
    {
        var fixture = new DispatcherFixture(FakeEnvironment.With((EnvironmentVariables.IncludeAccounts, "222222222222")));

        var report = await fixture.InvokeAsync("""{"mode":"report"}""");

        var options = Assert.Single(fixture.Operations.Options);
        Assert.Equal(["222222222222"], options.Targeting.IncludeAccounts);
        Assert.Equal(HostRunner.Now, options.AsOf);
        Assert.Equal(0.75, report.GetProperty("organization").GetProperty("withinNinetyDaysShare").GetDouble());
        Assert.Equal("Surveyed", report.GetProperty("accounts")[0].GetProperty("status").GetString());
        Assert.Equal(1, report.GetProperty("accountsSurveyed").GetInt32());
    }

    [Fact]
    public async Task Handle_ReportModeWithReportBucket_WritesJsonAndHtmlUnderAsOfDateAndRunIdAndSaysWhere()
    {
        var store = new KeyRotation.Simulation.Ports.InMemoryPostureReportStore();
        var fixture = new DispatcherFixture(FakeEnvironment.With((EnvironmentVariables.ReportBucket, "org-posture-reports")), store);

        var answer = await fixture.InvokeAsync("""{"mode":"report"}""");

        var runId = Assert.Single(fixture.Operations.Options).RunId;
        var stem = $"posture/{HostRunner.Now.UtcDateTime:yyyy-MM-dd}/{runId}";
        Assert.Equal([stem + ".html", stem + ".json"], store.Objects.Keys.Order(StringComparer.Ordinal));
        var (json, jsonType) = store.Objects[stem + ".json"];
        var (html, htmlType) = store.Objects[stem + ".html"];
        Assert.Equal(("application/json", "text/html; charset=utf-8"), (jsonType, htmlType));
        var stored = System.Text.Json.JsonDocument.Parse(json).RootElement;
        var share = stored.GetProperty("organization").GetProperty("withinNinetyDaysShare").GetDouble();
        Assert.Equal(0.75, share);
        Assert.Contains(KeyRotation.Engine.Posture.PostureFields.Percent(share), System.Text.Encoding.UTF8.GetString(html), StringComparison.Ordinal);
        Assert.Contains("75", KeyRotation.Engine.Posture.PostureFields.Percent(share), StringComparison.Ordinal);
        Assert.Equal(stored.GetProperty("accountsSurveyed").GetInt32(), answer.GetProperty("accountsSurveyed").GetInt32());
        Assert.Equal(("org-posture-reports", stem + ".json", stem + ".html"),
            (answer.GetProperty("stored").GetProperty("bucket").GetString(), answer.GetProperty("stored").GetProperty("json").GetString(),
                answer.GetProperty("stored").GetProperty("html").GetString()));
    }

    [Fact]
    public async Task Handle_ReportModeWithoutReportBucket_WritesNothingAndAnswersThePostureJsonOnly()
    {
        var store = new KeyRotation.Simulation.Ports.InMemoryPostureReportStore();
        var fixture = new DispatcherFixture(reportStore: store);

        var answer = await fixture.InvokeAsync("""{"mode":"report"}""");

        Assert.Empty(store.Objects);
        Assert.False(answer.TryGetProperty("stored", out _));
    }

    [Fact]
    public async Task Handle_ReportModeWithoutComposedReport_FailsNamingIt()
    {
        var fixture = new DispatcherFixture();

        await Assert.ThrowsAsync<KeyRotation.Lambda.Operations.EngineNotComposedException>(() =>
            new InvocationDispatcher(new ModeHandlers(fixture.Settings, KeyRotation.Lambda.Operations.RotationOperations.NotComposed,
                    new RunOptionsFactory(fixture.Settings, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(HostRunner.Now), new Random(1), "test"),
                    Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance))
                .HandleAsync(new KeyRotation.Lambda.Runtime.Invocation("r-1", HostRunner.Now.AddMinutes(15), null, null, "{\"mode\":\"report\"}"u8.ToArray()),
                    CancellationToken.None));
    }
}
