namespace KeyRotation.Core.Policy;

/// <summary>One override tag the resolver ignored, and why.</summary>
/// <param name="Scope">"account" or "user": where the tag was found.</param>
internal sealed record OverrideRejection(string Scope, string TagKey, string Value, string Reason)
{
    public string Describe() => $"{Scope} tag {TagKey}='{Value}' ignored: {Reason}";
}
