using System.Diagnostics;
using System.Text.Json.Nodes;
using KeyRotation.Lambda.Tests.Support;

namespace KeyRotation.Lambda.Tests.FanOut;

/// <summary>
/// The real Lambda host: the <c>bootstrap</c> executable built beside the tests, one process per invocation
/// (a cold start each time), served one event by an in-process Runtime API, with the given environment only.
/// </summary>
internal sealed class BootstrapProcess(IReadOnlyDictionary<string, string> environment)
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "bootstrap");

    private int invocations;

    public async Task<JsonNode> InvokeAsync(string payload)
    {
        var requestId = $"req-{Interlocked.Increment(ref invocations)}";
        await using var api = new FakeRuntimeApi(new FakeEvent(requestId, payload, DateTimeOffset.UtcNow.AddMinutes(5),
            FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:key-rotation"));
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/bin:/bin";
        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT")
            ?? Path.GetDirectoryName(Environment.ProcessPath) ?? "";
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "key-rotation";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (api.Responses.FirstOrDefault(r => r.RequestId == requestId) is { Body: { } body })
        {
            return JsonNode.Parse(body)!;
        }

        var error = api.Errors.FirstOrDefault(e => e.RequestId == requestId).Post?.Body ?? api.InitErrors.FirstOrDefault()?.Body;
        throw new InvalidOperationException(
            $"bootstrap answered no response (exit {process.ExitCode}): {error}\n{await stdout}\n{await stderr}");
    }
}
