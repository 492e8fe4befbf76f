using Polly;

namespace KeyRotation.Engine.Resilience;

/// <summary>
/// Runs one port call through its service's pipeline and, for calls inside a member account, that account's
/// breaker: a given-up account is not called again, and the failure that gives it up surfaces as
/// <see cref="AccountGivenUpException"/>.
/// </summary>
internal sealed class ResilientCalls(IReadOnlyDictionary<string, ResiliencePipeline> pipelines, AccountBreakers breakers)
{
    public AccountBreakers Breakers { get; } = breakers;

    public async Task<T> RunAsync<T>(
        string service, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken,
        AccountBreaker? breaker = null)
    {
        breaker?.ThrowIfGivenUp();
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        if (breaker is not null) context.Properties.Set(ServicePipelines.AccountKey, breaker.AccountId);
        try
        {
            var result = await pipelines[service].ExecuteAsync(
                static async (ctx, state) =>
                {
                    // Another call may have given the account up while this one waited to retry.
                    state.breaker?.ThrowIfGivenUp();
                    return await state.call(ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (call, breaker)).ConfigureAwait(false);
            breaker?.RecordHealthy();
            return result;
        }
        catch (Exception error) when (breaker is not null)
        {
            switch (FailureClassifier.JudgeAccount(error, cancellationToken))
            {
                case AccountEvidence.Healthy:
                    breaker.RecordHealthy();
                    break;
                case AccountEvidence.Broken when breaker.RecordFailure(error) is { } givenUp:
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
}
