using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Breakers;
using KeyRotation.Engine.Resilience.Retry;
using Polly;

namespace KeyRotation.Engine.Resilience.Pipelines;

/// <summary>
/// Runs one port call through its service's pipeline and, for calls inside a member account, that account's
/// breaker: the failure that gives the account up surfaces as <see cref="AccountGivenUpException"/>, and so does
/// any later call that would start new work. UpdateAccessKey and DeleteAccessKey still go through: the engine uses
/// them to take back a key it has just created, and giving an account up must never leave a key behind.
/// </summary>
internal sealed class ResilientCalls(IReadOnlyDictionary<string, ResiliencePipeline> pipelines, AccountBreakers breakers)
{
    public AccountBreakers Breakers { get; } = breakers;

    /// <param name="successVouchesForService">False for a read whose success says nothing about the service's writes
    /// (describing a secret while storing keeps failing), so it does not reset the service's failure count.</param>
    public async Task<T> RunAsync<T>(
        string service, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken,
        AccountBreaker? breaker = null, bool successVouchesForService = true)
    {
        var gated = breaker is not null && !RunsAfterGivingUp(operation) ? breaker : null;
        gated?.ThrowIfGivenUp();
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        if (breaker is not null) context.Properties.Set(ServicePipelines.AccountKey, breaker.AccountId);
        try
        {
            var result = await pipelines[service].ExecuteAsync(
                static async (ctx, state) =>
                {
                    // Another call may have given the account up while this one waited to retry.
                    state.gated?.ThrowIfGivenUp();
                    return await state.call(ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (call, gated)).ConfigureAwait(false);
            if (successVouchesForService) breaker?.RecordHealthy(service);
            return result;
        }
        catch (Exception error) when (breaker is not null)
        {
            switch (FailureClassifier.JudgeAccount(error, cancellationToken))
            {
                case AccountEvidence.Healthy:
                    breaker.RecordHealthy(service);
                    break;
                case AccountEvidence.Broken when breaker.RecordFailure(service, error) is { } givenUp:
                    throw givenUp;
            }

            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public Task RunAsync(
        string service, string operation, Func<CancellationToken, Task> call, CancellationToken cancellationToken,
        AccountBreaker? breaker = null) =>
        RunAsync(
            service,
            operation,
            async ct =>
            {
                await call(ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            breaker);

    /// <summary>Calls a given-up account still lets through, because roll-back needs them.</summary>
    private static bool RunsAfterGivingUp(string operation) =>
        operation is OperationNames.UpdateAccessKey or OperationNames.DeleteAccessKey;
}
