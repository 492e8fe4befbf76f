using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;

namespace KeyRotation.Core.Tests.Support;

/// <summary>
/// Generators biased toward the boundaries that matter: ages and last uses within a day of each threshold,
/// deactivations exactly at <c>now</c>, RecoveryDays 0, override tags that are valid, invalid or garbage.
/// </summary>
public static class ScenarioGenerators
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TagConventions Tags = TagConventions.Default;

    public static Gen<RotationPolicy> Policy =>
        from rotate in Gen.Choose(1, 200)
        from deactivateGap in Gen.Choose(1, 60)
        from deleteGap in Gen.Choose(1, 60)
        from idle in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(0, 60)))
        from forceGap in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(0, 100).Select(g => (int?)g)))
        from recovery in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Constant<int?>(0)), (1, Gen.Choose(0, 30).Select(r => (int?)r)))
        select new RotationPolicy
        {
            RotateAfterDays = rotate,
            DeactivateAfterDays = rotate + deactivateGap,
            DeleteAfterDays = rotate + deactivateGap + deleteGap,
            IdleDays = idle,
            ForceDeactivateAfterDays = rotate + deactivateGap + forceGap,
            RecoveryDays = recovery,
        };

    public static Gen<Scenario> Scenario => ScenarioWith(UserTagsGen);

    public static Gen<ExemptScenario> Exempt =>
        ScenarioWith(now => from tags in UserTagsGen(now)
                            from exempt in ExemptNowValue(now)
                            select With(tags, Tags.Exempt, exempt))
            .Select(s => new ExemptScenario(s));

    public static Gen<LaterScenario> Later =>
        from s in Scenario
        from permille in Gen.Choose(0, 999)
        select new LaterScenario(s, permille / 1000.0);

    private static Gen<Scenario> ScenarioWith(Func<DateTimeOffset, Gen<Dictionary<string, string>>> userTags) =>
        from now in Gen.Choose(0, 2 * 365 * 24 * 60).Select(m => Epoch.AddMinutes(m))
        from policy in Policy
        from accountTags in OverrideTags
        from user in userTags(now)
        from count in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Constant(1)), (5, Gen.Constant(2)))
        from keys in Gen.ListOf(Key(policy, now), count)
        select new Scenario(policy, accountTags, user,
            keys.Select((k, i) => k with { AccessKeyId = $"AKIATESTKEY{i:D9}" }).ToList(), now);

    private static Gen<AccessKeyFacts> Key(RotationPolicy p, DateTimeOffset now) =>
        from status in Gen.Elements(AccessKeyStatus.Active, AccessKeyStatus.Inactive)
        from ageHours in HoursNear(p.RotateAfterDays, p.DeactivateAfterDays, p.DeleteAfterDays, p.ForceDeactivateAfterDays ?? 0)
        from usedHours in Gen.Frequency(
            (3, Gen.Constant<int?>(null)),
            (4, HoursNear(p.IdleDays).Select(h => (int?)Math.Min(h, ageHours))),
            (3, Gen.Choose(0, Math.Max(0, ageHours)).Select(h => (int?)h)),
            (1, Gen.Choose(-30, -1).Select(h => (int?)h)))
        from toolHours in Gen.Frequency(
            (status == AccessKeyStatus.Active ? 12 : 3, Gen.Constant<int?>(null)),
            (2, Gen.Constant<int?>(0)),
            (3, HoursNear(p.EffectiveRecoveryDays).Select(h => (int?)h)),
            (2, Gen.Choose(0, Math.Max(0, ageHours)).Select(h => (int?)h)))
        from minutes in Gen.Choose(0, 59)
        select new AccessKeyFacts(
            "",
            status,
            now.AddHours(-ageHours).AddMinutes(-minutes),
            usedHours is { } u ? now.AddHours(-u) : null,
            toolHours is { } t ? now.AddHours(-t) : null);

    /// <summary>Hours ago: within a day either side of one of the given day thresholds, or anywhere up to 450 days.</summary>
    private static Gen<int> HoursNear(params int[] days) =>
        Gen.Frequency(
            (3, from d in Gen.Elements(days) from skew in Gen.Choose(-25, 25) select Math.Max(-2, (d * 24) + skew)),
            (2, Gen.Choose(0, 450 * 24)));

    private static Gen<Dictionary<string, string>> OverrideTags =>
        from rotate in OptionalValue
        from deactivate in OptionalValue
        from delete in OptionalValue
        from idle in OptionalValue
        select new[] { (Tags.RotateAfterDays, rotate), (Tags.DeactivateAfterDays, deactivate), (Tags.DeleteAfterDays, delete), (Tags.IdleDays, idle) }
            .Where(t => t.Item2 is not null)
            .ToDictionary(t => t.Item1, t => t.Item2!);

    private static Gen<string?> OptionalValue =>
        Gen.Frequency(
            (12, Gen.Constant<string?>(null)),
            (3, Gen.Choose(0, 300).Select(n => (string?)n.ToString(CultureInfo.InvariantCulture))),
            (1, Gen.Elements<string?>("abc", "-1", "", "1.5", "99999999999")));

    private static Gen<Dictionary<string, string>> UserTagsGen(DateTimeOffset now) =>
        from overrides in OverrideTags
        from exempt in Gen.Frequency(
            (16, Gen.Constant<string?>(null)),
            (1, ExemptNowValue(now).Select(v => (string?)v)),
            (2, Gen.Choose(-3, 3).Select(d => (string?)UntilDay(now, d))),
            (1, Gen.Elements<string?>("false", "yes", "until:tomorrow", "")))
        select exempt is null ? overrides : With(overrides, Tags.Exempt, exempt);

    private static Gen<string> ExemptNowValue(DateTimeOffset now) =>
        Gen.OneOf(Gen.Elements("true", "TRUE", " True"), Gen.Choose(0, 400).Select(d => UntilDay(now, d)));

    private static string UntilDay(DateTimeOffset now, int daysFromToday) =>
        "until:" + DateOnly.FromDateTime(now.UtcDateTime).AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> With(Dictionary<string, string> tags, string key, string value) =>
        new(tags) { [key] = value };
}

/// <summary>Registers the generators with FsCheck.Xunit.</summary>
public static class ScenarioArbitraries
{
    public static Arbitrary<Scenario> Scenario() => ScenarioGenerators.Scenario.ToArbitrary();

    public static Arbitrary<ExemptScenario> Exempt() => ScenarioGenerators.Exempt.ToArbitrary();

    public static Arbitrary<LaterScenario> Later() => ScenarioGenerators.Later.ToArbitrary();
}
