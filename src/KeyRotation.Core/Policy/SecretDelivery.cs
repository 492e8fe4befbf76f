namespace KeyRotation.Core.Policy;

/// <summary>How a new secret access key reaches its owner.</summary>
public enum SecretDelivery
{
    /// <summary>Stored as secret <c>key-rotation/&lt;user&gt;</c> in the user's account, readable only by that user.</summary>
    SecretsManager,

    /// <summary>Sent in the SNS message itself; reference-design parity, explicit opt-in only.</summary>
    Notification,
}
