using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;

namespace KeyRotation.Engine.Tests.FaultSuite;

/// <summary>
/// 240 seeded sweeps of generated organizations under mixed faults, each compared with the same sweep without
/// faults. Waits end at once (<see cref="InstantWaits"/>), so the suite takes seconds.
/// </summary>
public sealed class FaultSuiteTests
{
    private static readonly string[] MutationActions = [nameof(ActionKind.CreateKey), nameof(ActionKind.DeactivateKey), nameof(ActionKind.DeleteKey)];

    private const int ScenarioCount = 240;

    public static TheoryData<int> Seeds { get; } = [.. Enumerable.Range(1, ScenarioCount)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Sweep_SeededFaults_EndsAsWithoutFaultsWhereRecoverableAndKeepsEveryInvariant(int seed)
    {
        var scenario = FaultScenario.For(seed);
        var baseline = await SuiteRun.RunAsync(scenario, FaultSpec.None);
        var (spec, denied, storeDown) = scenario.Faults(baseline.Report);

        var faulted = await SuiteRun.RunAsync(scenario, spec);

        var context = $"{scenario}; faults {spec}";
        EveryCreatedKeyHandedOffOrTakenBack(faulted, context);
        EveryMutationAuditedExactlyOnce(faulted, context);
        NoSecretInReportOrAudit(faulted, context);
        if (denied is null && storeDown is null)
        {
            Assert.True(baseline.State == faulted.State, $"{context}: the organization differs from the fault-free run");
            Assert.Equal(baseline.Report.Accounts.Select(a => (a.AccountId, a.Status)), faulted.Report.Accounts.Select(a => (a.AccountId, a.Status)));
            Assert.DoesNotContain(faulted.Report.Accounts.SelectMany(a => a.Actions), r => r.Outcome == AuditOutcome.Failed);
            return;
        }

        var initial = SuiteRun.Generate(scenario);
        foreach (var account in faulted.Report.Accounts)
        {
            var state = SuiteRun.AccountState(faulted.Organization, account.AccountId);
            if (account.AccountId == denied)
            {
                // A refused member role in an account not asked for by id reads as not deployed (ROTATION-POLICY.md).
                Assert.True(account is { Status: AccountStatus.Skipped, Reason: "RoleNotDeployed" },
                    $"{context}: denied account {denied} is {account.Status}");
                Assert.Contains(account.Notes, n => n.Contains("AccessDenied", StringComparison.Ordinal));
                Assert.Equal(SuiteRun.AccountState(initial, denied), state);
            }
            else if (account.AccountId == storeDown)
            {
                StoreDownAccountLeftNoNewKey(faulted, account, SuiteRun.AccountState(initial, storeDown), context);
            }
            else
            {
                // Accounts are independent: every other one ends as it did without faults.
                Assert.True(SuiteRun.AccountState(baseline.Organization, account.AccountId) == state,
                    $"{context}: account {account.AccountId} differs from the fault-free run");
                Assert.Equal(baseline.Report.Accounts.Single(a => a.AccountId == account.AccountId).Status, account.Status);
            }
        }
    }

    [Fact]
    public void Seeds_EveryKindOfScenario_Covered()
    {
        var kinds = Enumerable.Range(1, ScenarioCount).Select(s => FaultScenario.For(s).Kind)
            .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(Enum.GetValues<ScenarioKind>().Length, kinds.Count);
        Assert.All(kinds.Values, count => Assert.True(count >= 40));
    }

    /// <summary>A key IAM created either holds the user's stored secret or was deleted again by a roll-back.</summary>
    private static void EveryCreatedKeyHandedOffOrTakenBack(SuiteRun run, string context)
    {
        var events = run.AuditEvents;
        foreach (var issued in run.World.IssuedKeys)
        {
            var id = issued.Key.AccessKeyId;
            var exists = run.Organization.Accounts.Single(a => a.Id == issued.AccountId).Users
                .Single(u => u.Name == issued.UserName).AccessKeys.Any(k => k.Id == id);
            if (exists)
            {
                Assert.True(run.World.SecretVault.Find(issued.AccountId, issued.UserName)?.Key.AccessKeyId == id,
                    $"{context}: key {id} of {issued.AccountId}/{issued.UserName} exists but its secret was not stored");
            }
            else
            {
                Assert.True(events.Any(e => e.AccessKeyId == id && e.Action == nameof(ActionKind.DeleteKey)
                        && e.Reason == nameof(ReasonCode.RotationRolledBack) && e.Outcome == AuditOutcome.Succeeded),
                    $"{context}: key {id} is gone without an audited roll-back");
            }
        }
    }

    /// <summary>
    /// Each mutation IAM carried out has exactly one audit event for its key, and each audit event claiming a
    /// mutation has one behind it. A created key that was rolled back has its CreateKey event as Failed (with the key id).
    /// </summary>
    private static void EveryMutationAuditedExactlyOnce(SuiteRun run, string context)
    {
        var performed = run.Counting.Mutations.Select(m => $"{m.Action} {m.AccessKeyId}").Order(StringComparer.Ordinal).ToArray();
        var audited = run.AuditEvents
            .Where(e => MutationActions.Contains(e.Action) && e.AccessKeyId is not null
                && (e.Outcome == AuditOutcome.Succeeded || e.Action == nameof(ActionKind.CreateKey)))
            .Select(e => $"{e.Action} {e.AccessKeyId}")
            .Order(StringComparer.Ordinal).ToArray();

        Assert.True(performed.SequenceEqual(audited),
            $"{context}: mutations and audit events differ; performed only: {string.Join(", ", performed.Except(audited))}; " +
            $"audited only: {string.Join(", ", audited.Except(performed))}; counts {performed.Length}/{audited.Length}");
    }

    private static void NoSecretInReportOrAudit(SuiteRun run, string context)
    {
        var text = ReportText.Of(run.Report) + string.Join('\n', run.AuditEvents.Select(ReportText.Of))
            + string.Join('\n', run.World.Sns.Published.Select(ReportText.Of));
        Assert.All(run.World.IssuedKeys, k => Assert.False(
            text.Contains(k.Key.SecretAccessKey.Reveal(), StringComparison.Ordinal), $"{context}: a secret leaked"));
    }

    /// <summary>
    /// The account was given up once its secret store had failed as often as the breaker allows (the name check
    /// before each create fails first, so usually no key is even created), and otherwise rolled every new key back;
    /// either way no new key survives.
    /// </summary>
    private static void StoreDownAccountLeftNoNewKey(SuiteRun run, AccountReport account, string initialState, string context)
    {
        var initialIds = initialState.Split('\n').Select(line => line.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var state = SuiteRun.AccountState(run.Organization, account.AccountId);
        Assert.All(state.Split('\n', StringSplitOptions.RemoveEmptyEntries), line =>
            Assert.True(initialIds.Contains(line.Split(' ')[0]), $"{context}: new key survived in {account.AccountId}: {line}"));
        Assert.DoesNotContain(run.World.SecretVault.Secrets, s => s.AccountId == account.AccountId);
        Assert.DoesNotContain(account.Actions, r => r.Action == ActionKind.CreateKey && r.Outcome == AuditOutcome.Succeeded);
        if (run.Counting.StoreCalls(account.AccountId) >= new Engine.Resilience.BreakerOptions().FailuresBeforeGivingUp)
        {
            Assert.True(account.Status == AccountStatus.Failed, $"{context}: {account.AccountId} should have been given up");
            Assert.Contains($"Account {account.AccountId} given up", account.Error, StringComparison.Ordinal);
            Assert.Contains("InternalServiceError", account.Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(account.Status == AccountStatus.Processed, $"{context}: {account.AccountId} is {account.Status}");
            Assert.All(account.Actions.Where(r => r.Action == ActionKind.CreateKey), r => Assert.Equal(AuditOutcome.Failed, r.Outcome));
        }
    }
}
