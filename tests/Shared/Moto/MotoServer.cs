using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KeyRotation.Testing.Moto;

/// <summary>
/// moto (an independent AWS emulator, <c>python3 -m moto.server</c>) on 127.0.0.1 and a free port, for end-to-end
/// tests of the real adapters and hosts. One per test collection; <see cref="ResetAsync"/> clears its state between
/// tests. Where python3 or moto is absent, <see cref="SkipReason"/> says so and tests skip with that reason.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? _process;

    public string Endpoint { get; private set; } = "";

    /// <summary>Why moto cannot run here, or null when it can.</summary>
    public static string? SkipReason { get; } = Probe();

    /// <summary>The emulator's fixed account: the caller's account for credentials moto did not issue.</summary>
    public const string DefaultAccountId = "123456789012";

    public async Task InitializeAsync()
    {
        if (SkipReason is not null) return;
        var failures = new List<string>();
        for (var attempt = 0; attempt < 3 && _process is null; attempt++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("python3")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString() })
                start.ArgumentList.Add(arg);
            // moto's own Lambda/Batch docker hooks are not used; keep it from looking for a Docker engine.
            start.Environment["MOTO_DOCKER_NETWORK_MODE"] = "none";
            var process = Process.Start(start)!;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await WaitReadyAsync(port, process)) (_process, Endpoint) = (process, $"http://127.0.0.1:{port}");
            else
            {
                failures.Add($"port {port}");
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.Dispose();
            }
        }
        if (_process is null) throw new InvalidOperationException("moto did not start: " + string.Join(", ", failures));
    }

    /// <summary>Clears every service's state (moto's <c>/moto-api/reset</c>).</summary>
    public async Task ResetAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(Endpoint + "/moto-api/reset", null);
        response.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<bool> WaitReadyAsync(int port, Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/moto-api/");
                if (response.IsSuccessStatusCode) return true;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        return false;
    }

    private static string? Probe()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("python3", "-c \"import moto.server\"")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            probe.WaitForExit(30_000);
            return probe.ExitCode == 0 ? null : "moto is not installed for python3 (pip install 'moto[server]')";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "python3 is not on PATH, so moto (the AWS emulator) cannot run";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
