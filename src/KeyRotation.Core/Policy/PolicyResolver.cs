using System.Globalization;
using KeyRotation.Core.Tags;

namespace KeyRotation.Core.Policy;

/// <summary>
/// Applies tag overrides (user over account over global) and never fails: what cannot be applied is reported.
/// </summary>
/// <remarks>
/// Each layer (account tags, then user tags) is all-or-nothing. A value that is not an integer is rejected on its
/// own. The layer's integer overrides are then applied together on top of the policy so far; if the result passes
/// <see cref="RotationPolicy.Validate"/> they all apply, otherwise every one of them is rejected and the policy so
/// far stands. Applying them as a set lets a team move all thresholds at once (90/100/110 is valid together although
/// "deactivate 100" alone is not under a global rotate of 165), and rejecting the whole set never leaves a
/// half-applied mix nobody asked for. The user layer is judged on top of whatever the account layer left.
/// </remarks>
internal static class PolicyResolver
{
    public static ResolvedPolicy Resolve(
        RotationPolicy global,
        IReadOnlyDictionary<string, string> accountTags,
        IReadOnlyDictionary<string, string> userTags,
        TagConventions tags)
    {
        var rejections = new List<OverrideRejection>();
        var afterAccount = ApplyLayer(global, "account", accountTags, tags, rejections);
        var effective = ApplyLayer(afterAccount, "user", userTags, tags, rejections);
        return new ResolvedPolicy(effective, rejections);
    }

    private static RotationPolicy ApplyLayer(
        RotationPolicy basis,
        string scope,
        IReadOnlyDictionary<string, string> layerTags,
        TagConventions tags,
        List<OverrideRejection> rejections)
    {
        var parsed = new List<(string Key, string Value, int Number, PolicyOverride Override)>();
        foreach (var over in PolicyOverride.All)
        {
            var key = over.TagKey(tags);
            if (!layerTags.TryGetValue(key, out var value))
            {
                continue;
            }

            if (int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                parsed.Add((key, value, number, over));
            }
            else
            {
                rejections.Add(new(scope, key, value, "not a whole number of days"));
            }
        }

        var candidate = basis;
        foreach (var p in parsed)
        {
            candidate = p.Override.Apply(candidate, p.Number);
        }

        var problems = candidate.Validate();
        if (problems.Count == 0)
        {
            return candidate;
        }

        var why = parsed.Count == 1
            ? $"it would make the policy invalid: {string.Join("; ", problems)}"
            : $"together the {scope} overrides ({string.Join(", ", parsed.Select(p => $"{p.Key}={p.Number}"))}) "
              + $"would make the policy invalid, so none of them applies: {string.Join("; ", problems)}";
        rejections.AddRange(parsed.Select(p => new OverrideRejection(scope, p.Key, p.Value, why)));
        return basis;
    }
}
