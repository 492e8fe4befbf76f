using System.Collections.Concurrent;

namespace KeyRotation.Engine.Resilience.Breakers;

/// <summary>One <see cref="AccountBreaker"/> per account, created on first use, for one run.</summary>
internal sealed class AccountBreakers(BreakerOptions options)
{
    private readonly ConcurrentDictionary<string, AccountBreaker> breakers = new(StringComparer.Ordinal);

    public AccountBreaker For(string accountId) =>
        breakers.GetOrAdd(accountId, static (id, max) => new AccountBreaker(id, max), options.FailuresBeforeGivingUp);
}
