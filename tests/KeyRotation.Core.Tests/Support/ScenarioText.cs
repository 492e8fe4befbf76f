using System.Globalization;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;

namespace KeyRotation.Core.Tests.Support;

/// <summary>
/// A compact text form so policy tables read like the spec:
/// keys <c>"A Active age=170 used=3; B Inactive age=190 tool=2"</c> (ages and "days ago" may be fractional; no
/// <c>used</c> means never used; <c>tool</c> = days since this tool deactivated it),
/// tags <c>"account:rotate-after-days=90 user:exempt=true"</c> (default prefix),
/// policy <c>"cis force=365 recovery=0 idle=0 rotate=.. deactivate=.. delete=.."</c>.
/// </summary>
internal static class ScenarioText
{
    public static IReadOnlyList<AccessKeyFacts> Keys(string text) =>
        Split(text, ';').Select(ParseKey).ToList();

    public static RotationPolicy Policy(string text)
    {
        var policy = RotationPolicy.Default;
        foreach (var word in Split(text, ' '))
        {
            if (word == "cis")
            {
                policy = RotationPolicy.Cis;
                continue;
            }

            var (name, value) = Pair(word);
            var n = int.Parse(value, CultureInfo.InvariantCulture);
            policy = name switch
            {
                "rotate" => policy with { RotateAfterDays = n },
                "deactivate" => policy with { DeactivateAfterDays = n },
                "delete" => policy with { DeleteAfterDays = n },
                "idle" => policy with { IdleDays = n },
                "force" => policy with { ForceDeactivateAfterDays = n },
                "recovery" => policy with { RecoveryDays = n },
                _ => throw new ArgumentException($"unknown policy word {word}"),
            };
        }

        return policy;
    }

    /// <summary>The tags of one scope ("account" or "user") from a tag text.</summary>
    public static Dictionary<string, string> Tags(string text, string scope)
    {
        var result = new Dictionary<string, string>();
        foreach (var word in Split(text, ' '))
        {
            var colon = word.IndexOf(':', StringComparison.Ordinal);
            if (word[..colon] == scope)
            {
                var (name, value) = Pair(word[(colon + 1)..]);
                result[TagConventions.DefaultPrefix + name] = value;
            }
        }

        return result;
    }

    public static PlanningInput Input(string policy, string tags, string keys, DateTimeOffset? now = null) => new(
        new UserFacts("alice", Tags(tags, "user"), Keys(keys)),
        Tags(tags, "account"),
        Policy(policy),
        TagConventions.Default,
        now ?? TestClock.Now);

    /// <summary>"Action/Reason key; ..." with the key id only when the action names one.</summary>
    public static string Describe(UserPlan plan) => string.Join("; ", plan.Actions.Select(Describe));

    public static string Describe(PlannedAction a) =>
        a.AccessKeyId is null ? $"{a.Action}/{a.Reason}" : $"{a.Action}/{a.Reason} {a.AccessKeyId}";

    private static AccessKeyFacts ParseKey(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var status = Enum.Parse<AccessKeyStatus>(words[1]);
        var values = words.Skip(2).Select(Pair).ToDictionary(p => p.Name, p => double.Parse(p.Value, CultureInfo.InvariantCulture));
        return new AccessKeyFacts(
            words[0],
            status,
            TestClock.DaysAgo(values["age"]),
            values.TryGetValue("used", out var used) ? TestClock.DaysAgo(used) : null,
            values.TryGetValue("tool", out var tool) ? TestClock.DaysAgo(tool) : null);
    }

    private static (string Name, string Value) Pair(string word)
    {
        var eq = word.IndexOf('=', StringComparison.Ordinal);
        return (word[..eq], word[(eq + 1)..]);
    }

    private static string[] Split(string text, char separator) =>
        text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
