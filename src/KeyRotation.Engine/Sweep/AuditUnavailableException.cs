namespace KeyRotation.Engine.Sweep;

/// <summary>
/// The audit store cannot be written, so the run stopped before discovering or changing anything: no change may
/// happen that the trail cannot record. The message names the store's problem; it never holds a secret.
/// </summary>
public sealed class AuditUnavailableException : Exception
{
    public AuditUnavailableException()
        : this("the audit store is not writable")
    {
    }

    public AuditUnavailableException(string message)
        : base(message)
    {
    }

    public AuditUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
