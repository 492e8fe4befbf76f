using System.Collections.Concurrent;

namespace KeyRotation.Engine.Tests.CrashSuite;

/// <summary>A change the simulated services carried out, seen at the ports: CreateKey, StoreSecret, DeactivateKey, DeleteKey.</summary>
internal sealed record Performed(string Action, string AccountId, string UserName, string AccessKeyId);

/// <summary>
/// The process dying, as SIGKILL would kill it: at a chosen mutation point the switch trips, and from then on
/// every port call fails at once and changes nothing, so whatever the engine still tries reaches neither the
/// simulated world nor the audit store. The world and the store keep exactly what they held at that instant.
/// </summary>
/// <remarks>
/// Mutation points are numbered in call order: the n-th mutating call (CreateAccessKey, UpdateAccessKey,
/// DeleteAccessKey, storing a secret, an audit append) has point 2n (die before it is sent) and 2n+1 (it takes
/// effect, then the process dies before the answer arrives). A run with sequential accounts and users makes the
/// same calls in the same order every time, so a first run's <see cref="MutationCalls"/> enumerates every point.
/// </remarks>
internal sealed class CrashSwitch(int? stopAt = null)
{
    private readonly ConcurrentQueue<Performed> performed = new();
    private int calls;
    private volatile bool dead;

    public bool Dead => dead;

    /// <summary>Mutating calls started so far (those after death included).</summary>
    public int MutationCalls => Volatile.Read(ref calls);

    /// <summary>Every change that took effect in the simulated world.</summary>
    public IReadOnlyList<Performed> Performed => performed.ToArray();

    /// <summary>A read: passes while alive.</summary>
    public void Check()
    {
        if (dead) throw new ProcessDiedException();
    }

    public async Task<T> MutateAsync<T>(Func<Task<T>> call, Func<T, Performed?> change)
    {
        Check();
        var point = 2 * (Interlocked.Increment(ref calls) - 1);
        if (point == stopAt) Die();
        var result = await call();
        if (change(result) is { } done) performed.Enqueue(done);
        if (point + 1 == stopAt) Die();
        return result;
    }

    public Task MutateAsync(Func<Task> call, Performed? change) =>
        MutateAsync(async () => { await call(); return true; }, _ => change);

    private void Die()
    {
        dead = true;
        throw new ProcessDiedException();
    }
}

/// <summary>What every port answers once the process is dead; nothing behind it is reached.</summary>
internal sealed class ProcessDiedException : Exception
{
    public ProcessDiedException() : base("the process died (simulated SIGKILL)") { }

    public ProcessDiedException(string message) : base(message) { }

    public ProcessDiedException(string message, Exception inner) : base(message, inner) { }
}
