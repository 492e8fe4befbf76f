using KeyRotation.Core.Audit;
using KeyRotation.Engine.Execution;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Tests.Resilience;

namespace KeyRotation.Engine.Tests.Execution;

/// <summary>The run's audit writes go through the audit pipeline once: nothing above it tries the batch again.</summary>
public sealed class AuditWriterRetryTests
{
    private static readonly AuditEvent Started = new()
    {
        EventId = "e-1",
        OccurredAt = DateTimeOffset.UnixEpoch,
        RunId = "run-1",
        AccountId = "111111111111",
        Action = "RunStarted",
        Outcome = "Succeeded",
        ToolVersion = "0.1.0",
    };

    [Fact]
    public async Task WriteAsync_StoreAlwaysThrottled_AppendAttemptedOncePlusMaxRetriesAndEventsKept()
    {
        var harness = new Harness(new ResilienceOptions { Retry = new RetryOptions { MaxRetryAttempts = 2 } });
        harness.Audit.Fault = (_, _) => CallScript.Error(FailureKind.Throttling);
        var writer = new AuditWriter(harness.Services.AuditLog);

        var error = await writer.WriteAsync([Started]);

        Assert.NotNull(error);
        Assert.Equal(3, harness.Audit.Calls("Append"));
        Assert.Equal([Started], writer.Unwritten);
    }

    [Fact]
    public async Task WriteAsync_FirstAttemptThrottled_WrittenByThePipelineRetry()
    {
        var harness = new Harness();
        harness.Audit.Fault = (_, n) => n == 0 ? CallScript.Error(FailureKind.Throttling) : null;
        var writer = new AuditWriter(harness.Services.AuditLog);

        var error = await writer.WriteAsync([Started]);

        Assert.Null(error);
        Assert.Equal(2, harness.Audit.Calls("Append"));
        Assert.Empty(writer.Unwritten);
    }
}
