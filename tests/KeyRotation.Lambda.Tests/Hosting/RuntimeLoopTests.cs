using System.Text.Json;
using KeyRotation.Engine.Ports;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Hosting;
using KeyRotation.Lambda.Runtime;
using KeyRotation.Lambda.Tests.Support;

namespace KeyRotation.Lambda.Tests.Hosting;

/// <summary>The whole host over HTTP against the in-process fake Runtime API.</summary>
public sealed class RuntimeLoopTests
{
    private static readonly DateTimeOffset Deadline = HostRunner.Now.AddMinutes(14);

    [Fact]
    public async Task Run_SweepEvent_PostsReportAsResponse()
    {
        await using var api = new FakeRuntimeApi(new FakeEvent("req-1", """{"mode":"sweep"}""", Deadline));
        var operations = new RecordingOperations();

        var exit = await HostRunner.RunAsync(api, FakeEnvironment.With(), operations);

        Assert.Equal(ExitCodes.RuntimeApiClosed, exit);
        var (requestId, body) = Assert.Single(api.Responses);
        Assert.Equal("req-1", requestId);
        using var report = JsonDocument.Parse(body);
        Assert.Equal("Processed", report.RootElement.GetProperty("accounts")[0].GetProperty("status").GetString());
        Assert.Equal(1, report.RootElement.GetProperty("summary").GetProperty("processed").GetInt32());
        Assert.Empty(api.Errors);
    }

    [Fact]
    public async Task Run_SeveralEvents_AnswersEachThenStopsWhenRuntimeApiSaysNoMore()
    {
        await using var api = new FakeRuntimeApi(
            new FakeEvent("a", """{"mode":"ping"}""", Deadline),
            new FakeEvent("b", """{"mode":"nonsense"}""", Deadline),
            new FakeEvent("c", """{"mode":"list-targets"}""", Deadline));

        var exit = await HostRunner.RunAsync(api, FakeEnvironment.With(), new RecordingOperations());

        Assert.Equal(ExitCodes.RuntimeApiClosed, exit);
        Assert.Equal(4, api.NextCalls);
        Assert.Equal(["a", "c"], api.Responses.Select(r => r.RequestId));
        Assert.Equal("b", Assert.Single(api.Errors).RequestId);
    }

    [Fact]
    public async Task Run_HandlerThrows_PostsErrorWithTypeAndMessageButNoSecret()
    {
        const string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        await using var api = new FakeRuntimeApi(new FakeEvent("req-9", """{"mode":"sweep"}""", Deadline));
        var operations = new RecordingOperations
        {
            Failure = new ServiceException("IAM", "CreateAccessKey", "LimitExceeded", FailureKind.LimitExceeded,
                409, "rid-1", detail: "unexpected body " + secret),
        };

        await HostRunner.RunAsync(api, FakeEnvironment.With(), operations);

        var (requestId, post) = Assert.Single(api.Errors);
        Assert.Equal("req-9", requestId);
        Assert.Equal("KeyRotation.ServiceError.LimitExceeded", post.ErrorTypeHeader);
        using var error = JsonDocument.Parse(post.Body);
        Assert.Equal("KeyRotation.ServiceError.LimitExceeded", error.RootElement.GetProperty("errorType").GetString());
        var message = error.RootElement.GetProperty("errorMessage").GetString()!;
        Assert.Contains("IAM CreateAccessKey failed: LimitExceeded", message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, post.Body, StringComparison.Ordinal);
        Assert.Empty(api.Responses);
    }

    [Fact]
    public async Task Run_BadConfiguration_PostsInitErrorNamingVariableAndValueAndExits()
    {
        await using var api = new FakeRuntimeApi(new FakeEvent("never", """{"mode":"sweep"}""", Deadline));
        var environment = FakeEnvironment.With((EnvironmentVariables.RotateAfterDays, "soon"));

        var exit = await HostRunner.RunAsync(api, environment, new RecordingOperations());

        Assert.Equal(ExitCodes.InitFailed, exit);
        var post = Assert.Single(api.InitErrors);
        Assert.Equal(ErrorMapping.InvalidConfiguration, post.ErrorTypeHeader);
        using var error = JsonDocument.Parse(post.Body);
        Assert.Equal(ErrorMapping.InvalidConfiguration, error.RootElement.GetProperty("errorType").GetString());
        Assert.Contains("KEYROTATION_ROTATE_AFTER_DAYS: 'soon'", error.RootElement.GetProperty("errorMessage").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(0, api.NextCalls);
    }

    [Fact]
    public async Task Run_BadExternalId_InitErrorHidesTheValue()
    {
        await using var api = new FakeRuntimeApi();
        var environment = FakeEnvironment.With((EnvironmentVariables.ExternalId, "no spaces allowed here"));

        await HostRunner.RunAsync(api, environment, new RecordingOperations());

        var post = Assert.Single(api.InitErrors);
        Assert.Contains(EnvironmentVariables.ExternalId, post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("no spaces allowed here", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DeadlineHeader_ReachesEngineAsTimeBudgetLessMargin()
    {
        await using var api = new FakeRuntimeApi(new FakeEvent("req-d", """{"mode":"sweep"}""", Deadline));
        var operations = new RecordingOperations();
        var environment = FakeEnvironment.With((EnvironmentVariables.DeadlineMarginSeconds, "15"));

        await HostRunner.RunAsync(api, environment, operations);

        var options = Assert.Single(operations.Options);
        Assert.Equal(Deadline.AddSeconds(-15), options.Deadline);
        Assert.Equal(HostRunner.Now, options.AsOf);
        Assert.False(Assert.Single(operations.Tokens).IsCancellationRequested);
    }

    [Fact]
    public async Task Run_TraceIdHeader_IsSetForTheInvocationAndClearedAfter()
    {
        const string trace = "Root=1-6749a0c0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";
        await using var api = new FakeRuntimeApi(new FakeEvent("req-t", """{"mode":"list-targets"}""", Deadline, trace));
        var environment = FakeEnvironment.With();
        string? seen = null;
        var operations = new RecordingOperations { During = () => seen = environment.Get(LambdaVariables.TraceId) };

        await HostRunner.RunAsync(api, environment, operations);

        Assert.Equal(trace, seen);
        Assert.Null(environment.Get(LambdaVariables.TraceId));
    }

    [Fact]
    public async Task Run_InvokedFunctionArn_BecomesTheRunsActor()
    {
        await using var api = new FakeRuntimeApi(new FakeEvent("req-a", "{}", Deadline));
        var operations = new RecordingOperations();

        await HostRunner.RunAsync(api, FakeEnvironment.With(), operations);

        Assert.Equal("arn:aws:lambda:eu-west-1:111111111111:function:key-rotation", Assert.Single(operations.Options).Actor);
    }

    [Fact]
    public async Task Run_NoRuntimeApiVariable_ExitsWithoutCallingAnything()
    {
        var dependencies = new HostDependencies(FakeEnvironment.With(), TimeProvider.System, new Random(1),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, (_, _) => new RecordingOperations().Build());

        Assert.Equal(ExitCodes.NoRuntimeApi, await LambdaHost.RunAsync(dependencies, CancellationToken.None));
    }
}
