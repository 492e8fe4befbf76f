using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Events;
using KeyRotation.Lambda.Logging;
using KeyRotation.Lambda.Runtime;
using Microsoft.Extensions.Logging;

namespace KeyRotation.Lambda.Hosting;

/// <summary>Init (settings, composition; a failure is posted as init/error), then the runtime loop.</summary>
internal static class LambdaHost
{
    public static async Task<int> RunAsync(HostDependencies dependencies, CancellationToken cancellationToken)
    {
        var logger = dependencies.LoggerFactory.CreateLogger(HostLogging.Category);
        var runtimeApi = dependencies.Environment.Get(LambdaVariables.RuntimeApi);
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            HostLog.InitFailed(logger, "InitFailed", "Runtime.NotUnderLambda", $"{LambdaVariables.RuntimeApi} is not set");
            return ExitCodes.NoRuntimeApi;
        }

        if (!RuntimeApiClient.IsValidAddress(runtimeApi.Trim()))
        {
            HostLog.InitFailed(logger, "InitFailed", "Runtime.InvalidRuntimeApi",
                $"{LambdaVariables.RuntimeApi} '{ErrorRedaction.Redact(runtimeApi)}' is not a host[:port]");
            return ExitCodes.InvalidRuntimeApi;
        }

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            return await RunAsync(dependencies, new RuntimeApiClient(http, runtimeApi.Trim()), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            HostLog.InitFailed(logger, "RuntimeApiUnreachable", "Runtime.Unreachable", e.Message);
            return ExitCodes.RuntimeApiUnreachable;
        }
    }

    public static async Task<int> RunAsync(
        HostDependencies dependencies, IRuntimeApiClient client, CancellationToken cancellationToken)
    {
        var logger = dependencies.LoggerFactory.CreateLogger(HostLogging.Category);
        InvocationDispatcher dispatcher;
        try
        {
            var settings = HostSettingsReader.Read(dependencies.Environment);
            var operations = dependencies.Compose(settings, dependencies.Time);
            var actor = "lambda:" + (dependencies.Environment.Get(LambdaVariables.FunctionName) ?? "key-rotation");
            var options = new RunOptionsFactory(settings, dependencies.Time, dependencies.Random, actor) { Shutdown = cancellationToken };
            dispatcher = new InvocationDispatcher(new ModeHandlers(settings, operations, options, logger));
            HostLog.Initialized(logger, "Initialized", settings.MemberRoleName, settings.AuditTableName, settings.DryRun,
                Describe(settings), settings.Tags.Prefix, settings.MaxAccountsInFlight);
        }
        catch (Exception e)
        {
            var error = ErrorMapping.From(e, deadlinePassed: false);
            HostLog.InitFailed(logger, "InitFailed", error.ErrorType, error.ErrorMessage);
            await client.PostInitErrorAsync(error, cancellationToken);
            return ExitCodes.InitFailed;
        }

        var loop = new RuntimeLoop(client, dispatcher.HandleAsync, dependencies.Environment, dependencies.Time, logger);
        return await loop.RunAsync(cancellationToken);
    }

    private static string Describe(HostSettings s) =>
        $"rotate={s.Policy.RotateAfterDays},deactivate={s.Policy.DeactivateAfterDays},delete={s.Policy.DeleteAfterDays},"
        + $"idle={s.Policy.IdleDays},recovery={s.Policy.EffectiveRecoveryDays},"
        + $"force={(s.Policy.ForceDeactivateAfterDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")},"
        + $"delivery={s.Policy.SecretDelivery}";
}
