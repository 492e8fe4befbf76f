using KeyRotation.Core.Facts;

namespace KeyRotation.Lambda.Events;

/// <summary>One account of list-targets' answer, carrying what rotate-account needs to treat it exactly as a sweep would.</summary>
/// <param name="Tags">Only tags under the configured prefix: the engine reads no others, and Step Functions payloads are bounded.</param>
internal sealed record TargetAccount(
    string AccountId,
    string AccountName,
    AccountState State,
    IReadOnlyList<TargetOrganizationalUnit>? OrganizationalUnits,
    IReadOnlyDictionary<string, string>? Tags);

internal sealed record TargetOrganizationalUnit(string Id, string Name, IReadOnlyDictionary<string, string>? Tags);
