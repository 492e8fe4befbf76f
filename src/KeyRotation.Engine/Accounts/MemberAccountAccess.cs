using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.HandOff;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sts;

namespace KeyRotation.Engine.Accounts;

/// <summary>
/// The engine's way into member accounts: STS AssumeRole (<see cref="IStsOperations.AssumeRoleAsync"/>), then the
/// account's session: the engine's identity store over its IAM operations and the secret hand-off over its Secrets
/// Manager operations. Built by a host over its adapter's STS operations; the resilience layer
/// puts the run's pipelines around every operation (<see cref="WithOperations"/>).
/// </summary>
public sealed class MemberAccountAccess : IAccountAccess
{
    private readonly IStsOperations sts;
    private readonly Func<MemberAccountOperations, MemberAccountOperations> wrap;

    /// <param name="discovery">How users are discovered. Default <see cref="DiscoverySettings"/>().</param>
    /// <param name="handOff">How key pairs are kept. Default <see cref="HandOffSettings"/>().</param>
    public MemberAccountAccess(IStsOperations sts, TimeProvider time, DiscoverySettings? discovery = null, HandOffSettings? handOff = null)
        : this(sts, time, discovery ?? new DiscoverySettings(), handOff ?? new HandOffSettings(), ops => ops)
    {
    }

    private MemberAccountAccess(
        IStsOperations sts, TimeProvider time, DiscoverySettings discovery, HandOffSettings handOff,
        Func<MemberAccountOperations, MemberAccountOperations> wrap)
    {
        ArgumentNullException.ThrowIfNull(sts);
        ArgumentNullException.ThrowIfNull(time);
        if (discovery.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("Invalid discovery settings: " + string.Join("; ", problems), nameof(discovery));
        }

        this.sts = sts;
        this.wrap = wrap;
        Time = time;
        Discovery = discovery;
        HandOff = handOff;
    }

    public TimeProvider Time { get; }

    public DiscoverySettings Discovery { get; }

    public HandOffSettings HandOff { get; }

    /// <summary>STS as given (wrapped, after <see cref="WithOperations"/>).</summary>
    internal IStsOperations Sts => sts;

    /// <exception cref="ServiceException">AccessDenied when the role is missing or its trust refuses us.</exception>
    public async Task<IAccountSession> OpenAsync(string accountId, CancellationToken cancellationToken)
    {
        var operations = await AssumeAsync(accountId, cancellationToken).ConfigureAwait(false);
        var arns = new UserArns();
        return new MemberAccountSession(
            operations.AccountId,
            new IdentityStore(operations.Iam, arns, Discovery, Time),
            new SecretHandOff(operations.SecretsManager, operations.Iam, arns, HandOff.BreakGlassRoleIn(operations.AccountId), HandOff.KmsKeyId));
    }

    /// <summary>The account's operations as its session uses them (behind the run's pipelines, once composed).</summary>
    internal async Task<MemberAccountOperations> AssumeAsync(string accountId, CancellationToken cancellationToken) =>
        wrap(await sts.AssumeRoleAsync(accountId, cancellationToken).ConfigureAwait(false));

    /// <summary>The same access with STS and every member account's operations passed through the given decorators.</summary>
    internal MemberAccountAccess WithOperations(IStsOperations wrappedSts, Func<MemberAccountOperations, MemberAccountOperations> wrapAccount) =>
        new(wrappedSts, Time, Discovery, HandOff, ops => wrapAccount(wrap(ops)));
}

internal sealed record MemberAccountSession(string AccountId, IIdentityStore Identity, ISecretStore Secrets) : IAccountSession;
