using System.Globalization;
using System.Text;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;

namespace KeyRotation.Core.Tests.Support;

/// <summary>One generated planning situation; printed readably when a property fails.</summary>
public sealed record Scenario(
    RotationPolicy Policy,
    IReadOnlyDictionary<string, string> AccountTags,
    IReadOnlyDictionary<string, string> UserTags,
    IReadOnlyList<AccessKeyFacts> Keys,
    DateTimeOffset Now)
{
    public UserFacts User => new("alice", UserTags, Keys);

    public PlanningInput Input => At(User, Now);

    public PlanningInput At(UserFacts user, DateTimeOffset now) => new(user, AccountTags, Policy, TagConventions.Default, now);

    public override string ToString()
    {
        var text = new StringBuilder();
        var p = Policy;
        text.Append(CultureInfo.InvariantCulture,
            $"now={Now:O} policy=rotate {p.RotateAfterDays}/deactivate {p.DeactivateAfterDays}/delete {p.DeleteAfterDays}/idle {p.IdleDays}/force {p.ForceDeactivateAfterDays?.ToString(CultureInfo.InvariantCulture) ?? "-"}/recovery {p.RecoveryDays?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        text.Append(" account=[").AppendJoin(", ", AccountTags.Select(t => $"{t.Key}={t.Value}")).Append(']');
        text.Append(" user=[").AppendJoin(", ", UserTags.Select(t => $"{t.Key}={t.Value}")).Append(']');
        foreach (var k in Keys)
        {
            text.Append(CultureInfo.InvariantCulture,
                $" | {k.AccessKeyId} {k.Status} age={Days(k.CreatedAt)}d used={(k.LastUsedAt is { } u ? Days(u) + "d" : "never")} tool={(k.DeactivatedByToolAt is { } t ? Days(t) + "d" : "-")}");
        }

        return text.ToString();
    }

    private string Days(DateTimeOffset t) => (Now - t).TotalDays.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>A scenario whose user is exempt right now.</summary>
public sealed record ExemptScenario(Scenario Scenario)
{
    public override string ToString() => Scenario.ToString();
}

/// <summary>A scenario plus a fraction of the recovery window, to plan again somewhat later.</summary>
public sealed record LaterScenario(Scenario Scenario, double FractionOfRecovery)
{
    public override string ToString() => $"{Scenario} later={FractionOfRecovery}";
}
