using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests.EndToEnd;

/// <summary>
/// The real executable in a child process, with no AWS credentials anywhere and the instance metadata service
/// NOT disabled, but moved to a local listener (AWS_EC2_METADATA_SERVICE_ENDPOINT) so that asking it would show:
/// against a loopback endpoint the tool must sign with placeholder credentials and never ask.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class InstanceMetadataTests(DynaliteFixture dynalite)
{
    [DynaliteFact]
    public async Task Demo_LoopbackTableAndNoCredentials_NeverAsksTheInstanceMetadataService()
    {
        var table = await dynalite.CreateTableAsync("no-imds");
        using var metadata = new TcpListener(IPAddress.Loopback, 0);
        metadata.Start();
        var asked = 0;
        var listening = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var connection = await metadata.AcceptTcpClientAsync();
                    Interlocked.Increment(ref asked);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Stopped at the end of the test.
            }
        });
        var home = Directory.CreateTempSubdirectory("keyrotation-no-aws-");
        try
        {
            var start = new ProcessStartInfo(CliProcess.DotNet())
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var arg in new[] { typeof(Cli).Assembly.Location, "demo", "--audit-table", table, "--output", "json" })
                start.ArgumentList.Add(arg);
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
                start.Environment.Remove(name);
            start.Environment["HOME"] = home.FullName;
            start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home.FullName, "credentials");
            start.Environment["AWS_CONFIG_FILE"] = Path.Combine(home.FullName, "config");
            start.Environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = $"http://127.0.0.1:{((IPEndPoint)metadata.LocalEndpoint).Port}";
            start.Environment["AWS_ENDPOINT_URL_DYNAMODB"] = dynalite.Endpoint;

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(0, Volatile.Read(ref asked));
            Assert.Equal((0, ""), (process.ExitCode, await error));
            Assert.Contains("\"runId\"", await output, StringComparison.Ordinal);
        }
        finally
        {
            metadata.Stop();
            await listening;
            home.Delete(recursive: true);
        }
    }
}
