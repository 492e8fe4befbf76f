namespace KeyRotation.Core.Audit.Digests;

/// <summary>What <c>keyrotation audit verify</c> can find wrong.</summary>
public enum AuditFindingKind
{
    /// <summary>The table holds an event of a sealed run that its digest does not list.</summary>
    EventAdded,

    /// <summary>The table's event differs from the one the digest sealed (same event id, other hash).</summary>
    EventChanged,

    /// <summary>The digest lists an event the table no longer holds.</summary>
    EventMissing,

    /// <summary>A digest does not name its predecessor as stored (hash, run or sequence), is missing from the chain, or is unreadable.</summary>
    BrokenLink,

    /// <summary>A run asked for (--run) or present in the table after the chain began has no digest.</summary>
    RunUnsealed,
}

/// <summary>One finding; <see cref="Detail"/> says what was expected and what was found. Never a secret.</summary>
public sealed record AuditFinding(AuditFindingKind Kind, string? RunId, string? EventId, long? Sequence, string Detail);
