namespace KeyRotation.Aws.Audit;

/// <summary>How one <see cref="Core.Audit.AuditQuery"/> is read from the table.</summary>
internal sealed record AuditQueryPlan
{
    /// <summary>True: a Scan of the base table (nothing narrower was given); false: Query per partition value.</summary>
    public required bool IsScan { get; init; }

    /// <summary>Null: the base table.</summary>
    public string? IndexName { get; init; }

    public string? PartitionAttribute { get; init; }

    /// <summary>Queried one after another; each holds later sort keys than the one before (days ascend).</summary>
    public IReadOnlyList<string> PartitionValues { get; init; } = [];

    /// <summary>Inclusive lower bound on <c>sk</c> (the fixed-width since instant).</summary>
    public string? SortFrom { get; init; }

    /// <summary>
    /// Exclusive upper bound on <c>sk</c>; no sort key equals it (every one ends in <c>#eventId</c>), so BETWEEN
    /// with it as upper end still excludes events at exactly the until instant.
    /// </summary>
    public string? SortTo { get; init; }

    /// <summary>True: intents (outcome <c>Intended</c>) are filtered out, as auditors read by default.</summary>
    public bool ExcludeIntents { get; init; }

    /// <summary>Equality conditions the key does not cover, applied as a FilterExpression.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Filters { get; init; } = [];
}
