using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KeyRotation.Bench.Output;

namespace KeyRotation.Bench.Measuring;

/// <summary>
/// Lambda cold start as the host sees it: from starting the bootstrap process to its first request to the Runtime
/// API (GET .../invocation/next), which a fake Runtime API on 127.0.0.1 timestamps; then the process is stopped.
/// The configuration is valid and dry, and init touches no AWS endpoint, so nothing else is needed.
/// </summary>
internal static class ColdStart
{
    private const int Runs = 5;

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["AWS_LAMBDA_FUNCTION_NAME"] = "bench",
        ["AWS_REGION"] = "us-east-1",
        ["KEYROTATION_MEMBER_ROLE_NAME"] = "KeyRotationMemberRole",
        ["KEYROTATION_EXTERNAL_ID"] = "bench-external-id",
        ["KEYROTATION_TOPIC_ARN"] = "arn:aws:sns:us-east-1:111111111111:key-rotation",
        ["KEYROTATION_AUDIT_TABLE"] = "key-rotation-audit",
        ["KEYROTATION_DRY_RUN"] = "true",
    };

    /// <param name="bootstraps">Build name and path; a missing file is reported as not measured with <c>Hint</c>.</param>
    public static async Task<IReadOnlyList<ColdStartResult>> MeasureAsync(
        IReadOnlyList<(string Build, string Path, string Hint)> bootstraps)
    {
        var rows = new List<ColdStartResult>();
        foreach (var (build, path, hint) in bootstraps)
        {
            if (!File.Exists(path))
            {
                rows.Add(new ColdStartResult(build, null, $"not measured: {Shown(path)} not found ({hint})"));
                continue;
            }

            try
            {
                var times = new List<double>();
                for (var i = 0; i < Runs; i++)
                {
                    times.Add(await OnceAsync(path));
                }

                times.Sort();
                rows.Add(new ColdStartResult(build, times[Runs / 2], string.Create(CultureInfo.InvariantCulture,
                    $"median of {Runs} starts (min {times[0]:0}, max {times[^1]:0} ms); {Shown(path)}")));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or SocketException)
            {
                rows.Add(new ColdStartResult(build, null, $"not measured: {e.Message}"));
            }
        }

        return rows;
    }

    /// <summary>Relative to the repository when inside it, so results read the same on every machine.</summary>
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Options.BenchOptions.RepositoryPath(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static async Task<double> OnceAsync(string path)
    {
        using var runtimeApi = new TcpListener(IPAddress.Loopback, 0);
        runtimeApi.Start();
        var port = ((IPEndPoint)runtimeApi.LocalEndpoint).Port;
        var start = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{port}";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var accepted = runtimeApi.AcceptTcpClientAsync(timeout.Token).AsTask();
            if (await Task.WhenAny(accepted, process.WaitForExitAsync(timeout.Token)) != accepted)
            {
                throw new InvalidOperationException($"{path} exited with code {(process.HasExited ? process.ExitCode : -1)} before calling the Runtime API");
            }

            using var client = await accepted;
            var line = await new StreamReader(client.GetStream()).ReadLineAsync(timeout.Token);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            return line?.Contains("/runtime/invocation/next", StringComparison.Ordinal) == true
                ? elapsed
                : throw new InvalidOperationException($"the first Runtime API request was '{line}', not a next-invocation call");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{path} made no Runtime API request within 30 s");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }
    }
}
