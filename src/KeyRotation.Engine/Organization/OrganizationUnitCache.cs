using System.Collections.Concurrent;
using KeyRotation.Engine.Ports.Organizations;

namespace KeyRotation.Engine.Organization;

/// <summary>
/// What a process may keep about OUs between the invocations it serves (a Lambda execution environment running one
/// fan-out item after another), so that re-reading an account costs DescribeAccount, its tags and its own ListParents,
/// and its OUs only the first time:
/// <list type="bullet">
/// <item>an OU's parent, for the process's life: Organizations has no operation that moves an OU, and an OU id is
/// never reused, so a parent once read stays right; accounts do move, so an account's parent is never kept;</item>
/// <item>an OU's tags, for one run only (keyed by the run id): a sweep reads each OU's tags once per run too, so a
/// fan-out sees an OU opt-out as fresh as a sweep does; the first invocation of the next run reads them afresh.</item>
/// </list>
/// Only successful reads are kept.
/// </summary>
public sealed class OrganizationUnitCache
{
    private readonly object gate = new();
    private string? tagsRunId;
    private ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> tags = new(StringComparer.Ordinal);

    internal ConcurrentDictionary<string, OrganizationParent> Parents { get; } = new(StringComparer.Ordinal);

    /// <summary>The OU tags of <paramref name="runId"/>; those of an earlier run are dropped.</summary>
    internal ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> TagsOf(string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        lock (gate)
        {
            if (!string.Equals(tagsRunId, runId, StringComparison.Ordinal))
            {
                tagsRunId = runId;
                tags = new ConcurrentDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            }

            return tags;
        }
    }
}
