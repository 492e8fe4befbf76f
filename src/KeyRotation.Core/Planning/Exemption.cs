namespace KeyRotation.Core.Planning;

internal enum ExemptionState
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
internal readonly record struct Exemption(ExemptionState State, string Detail)
{
    public static Exemption None { get; } = new(ExemptionState.NotExempt, "");
}
