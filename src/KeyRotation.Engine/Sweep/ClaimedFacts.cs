using KeyRotation.Core.Facts;
using KeyRotation.Core.Tags;

namespace KeyRotation.Engine.Sweep;

/// <summary>
/// Compares the account facts an invocation carried with the directory's, on what a decision reads: the state, the
/// OU path and the tags under the tool's prefix (list-targets passes no others). The directory's facts are used
/// either way; a difference is only reported, since it means the organization changed since list-targets, or that
/// whoever invoked the step altered its payload.
/// </summary>
internal static class ClaimedFacts
{
    /// <summary>The tags of an account whose tags were not read; compared by reference, never by content.</summary>
    public static IReadOnlyDictionary<string, string> TagsNotListed { get; } =
        new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

    public static IReadOnlyList<string> Differences(AccountFacts? claimed, AccountFacts actual, TagConventions tags)
    {
        if (claimed is null)
        {
            return [];
        }

        var differences = new List<string>();
        if (claimed.State != actual.State)
        {
            differences.Add($"state {claimed.State} (organization: {actual.State})");
        }

        var claimedPath = string.Join('/', claimed.OrganizationalUnits.Select(ou => ou.Id));
        var actualPath = string.Join('/', actual.OrganizationalUnits.Select(ou => ou.Id));
        if (claimedPath != actualPath)
        {
            differences.Add($"OU path '{claimedPath}' (organization: '{actualPath}')");
        }

        if (!ReferenceEquals(claimed.Tags, TagsNotListed) && Ours(claimed.Tags, tags) != Ours(actual.Tags, tags))
        {
            differences.Add($"account tags {Ours(claimed.Tags, tags)} (organization: {Ours(actual.Tags, tags)})");
        }

        foreach (var unit in actual.OrganizationalUnits)
        {
            var given = claimed.OrganizationalUnits.FirstOrDefault(ou => ou.Id == unit.Id);
            if (given is not null && Ours(given.Tags, tags) != Ours(unit.Tags, tags))
            {
                differences.Add($"tags of {unit.Id} {Ours(given.Tags, tags)} (organization: {Ours(unit.Tags, tags)})");
            }
        }

        return differences;
    }

    public static string Note(IReadOnlyList<string> differences) =>
        "the invocation's account facts differ from the organization's, which were used: " + string.Join("; ", differences);

    private static string Ours(IReadOnlyDictionary<string, string> tags, TagConventions conventions) =>
        "{" + string.Join(", ", tags.Where(t => t.Key.StartsWith(conventions.Prefix, StringComparison.Ordinal))
            .OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")) + "}";
}
