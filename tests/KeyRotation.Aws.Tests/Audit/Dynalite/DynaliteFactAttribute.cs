namespace KeyRotation.Aws.Tests.Audit.Dynalite;

/// <summary>A fact that needs dynalite; skipped with the reason when Node.js or dynalite cannot be had.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DynaliteFactAttribute : FactAttribute
{
    public DynaliteFactAttribute()
    {
        if (DynaliteLocator.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs dynalite; skipped with the reason when Node.js or dynalite cannot be had.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DynaliteTheoryAttribute : TheoryAttribute
{
    public DynaliteTheoryAttribute()
    {
        if (DynaliteLocator.SkipReason is { } reason) Skip = reason;
    }
}
