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
}
