namespace KeyRotation.Engine.HandOff;

/// <summary>How new key pairs are kept in the member accounts' Secrets Manager.</summary>
public sealed record HandOffSettings
{
    /// <summary>
    /// A role the secrets' resource policy spares from its Deny (it still needs its own Allow); <c>*</c> as the
    /// account (<c>arn:aws:iam::*:role/BreakGlass</c>) means that role in each member account. Default null: none.
    /// </summary>
    public string? BreakGlassRoleArn { get; init; }

    /// <summary>The KMS key new secrets are created with. Default null: Secrets Manager's AWS managed key.</summary>
    public string? KmsKeyId { get; init; }

    /// <summary>The break-glass role of one account: its <c>*</c> account replaced by <paramref name="accountId"/>.</summary>
    public string? BreakGlassRoleIn(string accountId) =>
        BreakGlassRoleArn?.Replace(":iam::*:", $":iam::{accountId}:", StringComparison.Ordinal);
}
