using KeyRotation.Core.Facts;

namespace KeyRotation.Engine.Ports;

/// <summary>The organization's accounts, with state, OU path and tags (account and OU).</summary>
public interface IOrganizationDirectory
{
    /// <summary>Every account of the organization, whatever its state; the engine decides what to skip.</summary>
    Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(CancellationToken cancellationToken);
}
