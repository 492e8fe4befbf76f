using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;

namespace KeyRotation.Engine.Tests.CrashSuite;

/// <summary>
/// For seeded organizations, the run is killed at every mutation point (before and after each IAM call, each
/// secret stored, each audit append) with no graceful path, then run again. The end state must equal an
/// uninterrupted run's (modulo new key ids), no key the tool created may be left without its holder, and every
/// change that happened must have exactly one outcome in the audit store.
/// </summary>
public sealed class CrashSuiteTests
{
    private static readonly int[] OrganizationSeeds = [1, 2, 3, 4];

    private static readonly Dictionary<int, string> Uninterrupted = [];

    /// <summary>(seed, point) for every point an uninterrupted run of each organization passes.</summary>
    public static TheoryData<int, int> StopPoints
    {
        get
        {
            var data = new TheoryData<int, int>();
            foreach (var seed in OrganizationSeeds)
            {
                var points = CrashRun.CountPointsAsync(seed).GetAwaiter().GetResult();
                for (var point = 0; point < points; point++) data.Add(seed, point);
            }

            return data;
        }
    }

    [Fact]
    public void StopPoints_AllOrganizations_AtLeastAHundred()
    {
        var count = StopPoints.Count;
        Assert.True(count >= 100, $"only {count} stop points");
    }

    [Theory]
    [MemberData(nameof(StopPoints))]
    public async Task Rerun_KilledAtPoint_EndsAsUninterruptedWithEveryKeyHeldAndEveryChangeOnRecordOnce(int seed, int point)
    {
        var expected = await UninterruptedEndStateAsync(seed);
        var run = new CrashRun(seed);
        var crash = new CrashSwitch(point);

        try
        {
            await run.RunAsync($"crash-{seed}-{point}", crash);
        }
        catch (Exception) when (crash.Dead)
        {
            // Whatever the dead run still did or threw is gone with it.
        }

        Assert.True(crash.Dead, $"seed {seed}: point {point} was never reached");
        await run.RunAsync($"rerun-{seed}-{point}");

        var context = $"seed {seed}, killed at point {point}";
        Assert.True(expected == run.EndState(), $"{context}: end state differs from the uninterrupted run's\n" +
            $"expected:\n{expected}\nactual:\n{run.EndState()}");
        EveryKeyHeld(run, context);
        EveryIntentResolvedOnce(run, context);
        EveryChangeHasOneOutcome(run, context);
    }

    private static async Task<string> UninterruptedEndStateAsync(int seed)
    {
        lock (Uninterrupted)
        {
            if (Uninterrupted.TryGetValue(seed, out var known)) return known;
        }

        var run = new CrashRun(seed);
        await run.RunAsync($"uninterrupted-{seed}");
        var state = run.EndState();
        lock (Uninterrupted)
        {
            Uninterrupted[seed] = state;
        }

        return state;
    }

    /// <summary>Every key the tool created that still exists is the one its owner's secret holds.</summary>
    internal static void EveryKeyHeld(CrashRun run, string context)
    {
        foreach (var issued in run.World.IssuedKeys)
        {
            var id = issued.Key.AccessKeyId;
            var exists = run.World.Organization.Accounts.Single(a => a.Id == issued.AccountId).Users
                .Single(u => u.Name == issued.UserName).AccessKeys.Any(k => k.Id == id);
            Assert.True(!exists || run.World.SecretVault.Find(issued.AccountId, issued.UserName)?.Key.AccessKeyId == id,
                $"{context}: key {id} of {issued.AccountId}/{issued.UserName} exists but nobody holds its secret");
        }
    }

    /// <summary>Every intent in the store has exactly one outcome, and every outcome names an intent that is there.</summary>
    internal static void EveryIntentResolvedOnce(CrashRun run, string context)
    {
        var events = run.AuditEvents;
        var intents = events.Where(e => e.IsIntent).Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
        var outcomes = events.Where(e => e.IntentId is not null).GroupBy(e => e.IntentId!).ToDictionary(g => g.Key, g => g.Count());
        foreach (var intent in intents)
        {
            Assert.True(outcomes.GetValueOrDefault(intent) == 1,
                $"{context}: intent {Describe(events, intent)} has {outcomes.GetValueOrDefault(intent)} outcomes");
        }

        Assert.All(outcomes.Keys, id => Assert.True(intents.Contains(id), $"{context}: an outcome names intent {id}, which is not stored"));
    }

    /// <summary>Each change the world saw has exactly one outcome event, written after its intent, that names its key.</summary>
    internal static void EveryChangeHasOneOutcome(CrashRun run, string context)
    {
        var events = run.AuditEvents;
        foreach (var change in run.Performed)
        {
            var outcomes = events.Count(e => e.IntentId is not null && e.Action == change.Action && e.AccessKeyId == change.AccessKeyId
                && (change.Action is nameof(ActionKind.CreateKey) or AuditAction.StoreSecret || e.Outcome == AuditOutcome.Succeeded));
            Assert.True(outcomes == 1, $"{context}: {change} has {outcomes} outcome events");
        }

        // And the other way round: no success is claimed for a change that did not happen.
        var performed = run.Performed.Select(p => (p.Action, p.AccessKeyId)).ToHashSet();
        Assert.All(events.Where(e => e.IntentId is not null && e.Outcome == AuditOutcome.Succeeded && e.AccessKeyId is not null
                && e.Action is nameof(ActionKind.DeactivateKey) or nameof(ActionKind.DeleteKey) or AuditAction.StoreSecret),
            e => Assert.True(performed.Contains((e.Action, e.AccessKeyId!)),
                $"{context}: {e.Action} {e.AccessKeyId} ({e.Reason}) is recorded Succeeded but never happened"));
    }

    private static string Describe(IReadOnlyList<AuditEvent> events, string intentId) =>
        events.Single(e => e.EventId == intentId) is var i ? $"{i.Action} {i.Reason} {i.UserName}/{i.AccessKeyId} ({i.RunId})" : intentId;
}
