namespace KeyRotation.Core.Tags;

/// <summary>The tag keys the tool reads, under one configurable prefix (default <c>key-rotation:</c>).</summary>
public sealed record TagConventions(string Prefix = TagConventions.DefaultPrefix)
{
    public const string DefaultPrefix = "key-rotation:";

    public static TagConventions Default { get; } = new();

    public string OptOut => Prefix + "opt-out";
    public string Exempt => Prefix + "exempt";
    public string Owner => Prefix + "owner";
    public string RotateAfterDays => Prefix + "rotate-after-days";
    public string DeactivateAfterDays => Prefix + "deactivate-after-days";
    public string DeleteAfterDays => Prefix + "delete-after-days";
    public string IdleDays => Prefix + "idle-days";
}
