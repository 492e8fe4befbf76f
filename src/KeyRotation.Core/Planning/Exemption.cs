namespace KeyRotation.Core.Planning;

public enum ExemptionState
{
    /// <summary>No exempt tag, or the explicit value <c>false</c>.</summary>
    NotExempt,

    /// <summary><c>true</c>, or <c>until:</c> a date that has not passed yet.</summary>
    Exempt,

    /// <summary><c>until:</c> a date that has passed: planned normally, and reported.</summary>
    Expired,

    /// <summary>A value the tool cannot read: planned as not exempt, and reported as a rejected tag.</summary>
    Unreadable,
}

/// <summary>What the user's exempt tag means at one instant, with a human-readable explanation.</summary>
/// <param name="Until">The last exempt day (UTC) of an <c>until:</c> tag; null for <c>true</c> and when not exempt.</param>
public readonly record struct Exemption(ExemptionState State, string Detail, DateOnly? Until = null)
{
    public static Exemption None { get; } = new(ExemptionState.NotExempt, "");
}
