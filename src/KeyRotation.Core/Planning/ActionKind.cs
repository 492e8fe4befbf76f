namespace KeyRotation.Core.Planning;

/// <summary>What happens to a user or key; the names are the JSON report's <c>action</c> values.</summary>
public enum ActionKind
{
    CreateKey,
    DeactivateKey,
    DeleteKey,
    Warn,
    Skip,
    Blocked,

    /// <summary>Operator action: a key deactivated at once (incident), outside any plan.</summary>
    RevokeKey,

    /// <summary>Operator action: a key this tool deactivated made Active again.</summary>
    RestoreKey,
}
