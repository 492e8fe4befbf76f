using KeyRotation.Core.Facts;

namespace KeyRotation.Lambda.Events;

/// <summary>
/// One account of list-targets' answer. rotate-account reads the account afresh from Organizations and decides on
/// that; the facts here are only compared with it (a difference is noted in the account's result).
/// </summary>
/// <param name="Tags">Only tags under the configured prefix: the engine reads no others, and Step Functions payloads are bounded.</param>
/// <param name="Skipped">Why the run's start skipped the account (OptOut, NotActive, NotTargeted), already recorded in
/// the audit trail; null for a target. A skipped account goes through the map too, so summarize counts it; its
/// rotate-account step answers Skipped at once, reading and writing nothing (a payload that says "skipped" can only
/// make the run do less, which whoever can invoke the function can do anyway by not invoking it).</param>
internal sealed record TargetAccount(
    string AccountId,
    string AccountName,
    AccountState State,
    IReadOnlyList<TargetOrganizationalUnit>? OrganizationalUnits,
    IReadOnlyDictionary<string, string>? Tags,
    string? Skipped = null);

internal sealed record TargetOrganizationalUnit(string Id, string Name, IReadOnlyDictionary<string, string>? Tags);
