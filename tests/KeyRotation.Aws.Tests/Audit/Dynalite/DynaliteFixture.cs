using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using KeyRotation.Aws.Audit;

namespace KeyRotation.Aws.Tests.Audit.Dynalite;

/// <summary>
/// One in-memory dynalite on 127.0.0.1 and a free port for the whole test run; installs dynalite with npm into the
/// default folder when it is missing. One table per test class (<see cref="TableForAsync"/>).
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    // Node exits when its stdin closes, so a crashed test host never leaves a dynalite behind.
    private const string Launcher =
        "process.stdin.on('end',()=>process.exit(0));process.stdin.resume();require(process.argv[1]);";

    private readonly ConcurrentDictionary<Type, Lazy<Task<string>>> _tables = new();
    private Process? _process;
    private AmazonDynamoDBClient? _client;

    public string Endpoint { get; private set; } = "";

    internal IAmazonDynamoDB Client => _client ?? throw new InvalidOperationException("dynalite is not running.");

    internal static AWSCredentials Credentials { get; } = new BasicAWSCredentials("dynalite", "dynalite");

    public async Task InitializeAsync()
    {
        if (DynaliteLocator.SkipReason is not null) return;
        var cli = DynaliteLocator.FindCli() ?? await InstallAsync();
        var failures = new List<string>();
        for (var attempt = 0; attempt < 3 && _process is null; attempt++)
        {
            var port = FreePort();
            var (process, error) = await StartAsync(cli, port);
            if (process is null) failures.Add(error!);
            else (_process, Endpoint) = (process, $"http://127.0.0.1:{port}");
        }
        if (_process is null)
            throw new InvalidOperationException("dynalite did not start: " + string.Join(" | ", failures));
        _client = DynamoDbClientFactory.Create(Settings("unused"), Credentials);
    }

    internal AuditStoreSettings Settings(string table) => new(table, "us-east-1", Endpoint) { MaxErrorRetry = 1 };

    /// <summary>The audit table of one test class, created (and seeded) on first use with a unique name.</summary>
    internal Task<string> TableForAsync(Type testClass, Func<DynamoDbAuditLog, Task>? seed = null) =>
        _tables.GetOrAdd(testClass, t => new Lazy<Task<string>>(async () =>
        {
            var table = await CreateTableAsync(t.Name);
            if (seed is not null)
            {
                using var log = Log(table);
                await seed(log);
            }
            return table;
        })).Value;

    internal async Task<string> CreateTableAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        using var admin = Admin(name);
        await admin.CreateAsync(CancellationToken.None);
        return name;
    }

    internal DynamoDbAuditTableAdmin Admin(string table) =>
        new(Client, table, TimeProvider.System) { PollInterval = TimeSpan.FromMilliseconds(20) };

    internal DynamoDbAuditLog Log(string table, DynamoDbAuditLogOptions? options = null, TimeProvider? time = null) =>
        new(Client, table, time ?? TimeProvider.System, options);

    public Task DisposeAsync()
    {
        _client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<(Process? Process, string? Error)> StartAsync(string cli, int port)
    {
        var start = new ProcessStartInfo(DynaliteLocator.FindOnPath("node")!)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-e", Launcher, "--", cli, "--host", "127.0.0.1", "--port", port.ToString(),
                     "--createTableMs", "20", "--updateTableMs", "20", "--deleteTableMs", "20" })
            start.ArgumentList.Add(arg);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var listening = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("listening", StringComparison.OrdinalIgnoreCase) == true) listening.TrySetResult(true);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.Enqueue(e.Data); };
        process.Exited += (_, _) => listening.TrySetResult(false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => t.IsCompletedSuccessfully && t.Result);
        if (started) return (process, null);
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
        return (null, $"port {port}: {string.Join(" ", stderr.TakeLast(5))}");
    }

    private static async Task<string> InstallAsync()
    {
        var directory = DynaliteLocator.InstallDirectory;
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo(DynaliteLocator.FindOnPath("npm")!)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "install", "--prefix", directory, DynaliteLocator.Package, "--no-audit", "--no-fund", "--loglevel=error" })
            start.ArgumentList.Add(arg);
        using var npm = Process.Start(start)!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var error = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await npm.WaitForExitAsync(timeout.Token);
        if (npm.ExitCode != 0 || !File.Exists(DynaliteLocator.DefaultCli))
            throw new InvalidOperationException(
                $"npm install {DynaliteLocator.Package} into {directory} failed ({npm.ExitCode}): {await error} {await output}");
        return DynaliteLocator.DefaultCli;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
