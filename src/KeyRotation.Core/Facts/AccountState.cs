namespace KeyRotation.Core.Facts;

/// <summary>An account's Organizations state; only <see cref="Active"/> accounts are processed.</summary>
public enum AccountState
{
    Active,
    Suspended,
    PendingClosure,
    Closed,
}
