namespace KeyRotation.Engine.Sweep;

/// <summary>A step of a run named an account the organization does not have (any more); nothing was done.</summary>
public sealed class AccountNotInOrganizationException : Exception
{
    public AccountNotInOrganizationException()
        : this("the account is not a member of the organization")
    {
    }

    public AccountNotInOrganizationException(string accountId)
        : base($"account {accountId} is not a member of the organization; nothing was done")
    {
        AccountId = accountId;
    }

    public AccountNotInOrganizationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? AccountId { get; }
}
