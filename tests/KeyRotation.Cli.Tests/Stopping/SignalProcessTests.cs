using System.Diagnostics;
using System.Text.Json;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Tests.Aws;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests.Stopping;

/// <summary>
/// The real executable in a child process against the AWS stub (every IAM request slowed) with its audit trail in
/// dynalite: SIGTERM or SIGINT mid-run ends it with 143 or 130, a complete JSON report with Interrupted accounts, and an
/// audit event for every key change the stub saw. After SIGKILL, a normal run still finishes and records its changes;
/// an event for a change cut off by SIGKILL itself needs the intents of the crash-engine branch.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class SignalProcessTests(DynaliteFixture dynalite) : IDisposable
{
    private const string Accounts = "6";
    // A real process stamps intents with the real clock, and AWS refuses requests signed more than 5 minutes off its
    // own, so the stub's clock (which dates the keys it creates) runs on the real clock too.
    private readonly AwsCli cli = new(TimeProvider.System);

    public void Dispose() => cli.Dispose();

    [DynaliteTheory]
    [InlineData("TERM", ExitCodes.Terminated)]
    [InlineData("INT", ExitCodes.Interrupted)]
    public async Task Process_SignalMidRun_ExitsWithTheSignalsCodeCompleteReportEveryChangeAudited(string signal, int expected)
    {
        var table = await dynalite.CreateTableAsync("signal-" + signal.ToLowerInvariant());
        var before = Arrange();
        var runId = $"signal-{signal.ToLowerInvariant()}";

        using var process = StartRun(table, runId);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await WaitForAsync(() => cli.Cloud.Requests.Any(r => r.Action == "CreateAccessKey"), process, stderr);
        await CliProcess.SignalAsync(process, signal);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        var output = await stdout;
        Assert.True(process.ExitCode == expected, $"exit {process.ExitCode}\n{output}\n{await stderr}");
        var report = JsonDocument.Parse(output).RootElement;
        var statuses = report.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("status").GetString()).ToList();
        Assert.Contains("Interrupted", statuses);
        Assert.Contains($"SIG{signal}: stopping", await stderr, StringComparison.Ordinal);
        await AssertEveryChangeAuditedAsync(table, runId, before);
    }

    [DynaliteFact]
    public async Task Process_KilledMidRunThenRunAgain_NoKeyWithoutItsHolderAndEveryIntentHasOneOutcome()
    {
        var table = await dynalite.CreateTableAsync("signal-kill");
        var before = Arrange();

        using (var killed = StartRun(table, "killed"))
        {
            var stderr = killed.StandardError.ReadToEndAsync();
            await WaitForAsync(() => cli.Cloud.Requests.Any(r => r.Action == "CreateAccessKey"), killed, stderr);
            await CliProcess.SignalAsync(killed, "KILL");
            await killed.WaitForExitAsync();
            Assert.Equal(137, killed.ExitCode);
        }

        // A request the killed process sent may still be inside the stub (each IAM request sleeps 150 ms); a key it
        // creates now belongs to the killed run, and is what the next run's reconciliation takes back.
        await Task.Delay(TimeSpan.FromSeconds(1));
        cli.Cloud.Fault = null;
        var afterKill = Keys();
        using var again = StartRun(table, "after-kill");
        var output = again.StandardOutput.ReadToEndAsync();
        var errors = again.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await again.WaitForExitAsync(timeout.Token);
        }

        Assert.True(again.ExitCode is ExitCodes.Success, $"exit {again.ExitCode}\n{await output}\n{await errors}");
        JsonDocument.Parse(await output);
        await AssertEveryChangeAuditedAsync(table, "after-kill", afterKill);
        Assert.All(cli.Cloud.Accounts.SelectMany(a => a.Users), u => Assert.True(u.Keys.Count <= 2));
        Assert.NotEmpty(before);

        // No key is left that nobody holds: every key the two runs created and kept is the one its owner's secret names.
        foreach (var account in cli.Cloud.Accounts)
        {
            foreach (var user in account.Users)
            {
                foreach (var key in user.Keys.Where(k => !before.ContainsKey(k.Id)))
                {
                    var secret = account.Secrets.Values.SingleOrDefault(x => x.Tags.GetValueOrDefault("key-rotation:user") == user.Name);
                    Assert.True(secret?.Value?.Contains(key.Id, StringComparison.Ordinal) == true,
                        $"{account.Id}/{user.Name}: key {key.Id} is held by nobody (secret names {secret?.Value?.Length ?? 0} chars)");
                }
            }
        }

        // Every intent either run wrote has exactly one outcome, the killed run's included (reconciled by the second).
        var trail = (await TrailAsync(table, "killed")).Concat(await TrailAsync(table, "after-kill")).ToList();
        var intents = trail.Where(e => e.Outcome == "Intended").ToList();
        Assert.NotEmpty(intents);
        Assert.All(intents, intent => Assert.Single(trail, e => e.IntentId == intent.EventId));
    }

    private async Task<IReadOnlyList<(string EventId, string? Outcome, string? IntentId)>> TrailAsync(string table, string runId)
    {
        var audit = await cli.Run(["audit", "--run", runId, "--table", table, "--endpoint-url", dynalite.Endpoint,
            "--include-intents", "--output", "json"]);
        Assert.True(audit.ExitCode == ExitCodes.Success, audit.ToString());
        return [.. JsonDocument.Parse(audit.Out).RootElement.EnumerateArray().Select(e => (
            e.GetProperty("eventId").GetString()!,
            e.GetProperty("outcome").GetString(),
            e.TryGetProperty("intentId", out var id) ? id.GetString() : null))];
    }

    /// <summary>Six accounts of three due users each; every IAM request takes 150 ms, so the run lasts seconds.</summary>
    private Dictionary<string, string> Arrange()
    {
        for (var i = 0; i < int.Parse(Accounts, System.Globalization.CultureInfo.InvariantCulture); i++)
        {
            var account = new FakeAccount($"66666666666{i}", $"slow-{i}", "ou-sandbox");
            foreach (var name in new[] { "ann", "ben", "cy" })
            {
                var user = new FakeUser(name);
                user.Keys.Add(new FakeKey($"AKIA{name.ToUpperInvariant()}{i}".PadRight(20, '0'), name + "-secret", "Active",
                    SmallOrganization.Start.AddDays(-200), SmallOrganization.Start.AddDays(-1)));
                account.Users.Add(user);
            }

            cli.Cloud.Accounts.Add(account);
        }

        cli.Cloud.Fault = request =>
        {
            if (request.SigningService == "iam")
            {
                Thread.Sleep(150);
            }

            return null;
        };
        cli.Variables["AWS_ENDPOINT_URL"] = cli.Endpoint;
        cli.Variables["AWS_ENDPOINT_URL_DYNAMODB"] = dynalite.Endpoint;
        cli.Variables["AWS_REGION"] = "us-east-1";
        return Keys();
    }

    private Dictionary<string, string> Keys() =>
        cli.Cloud.Accounts.SelectMany(a => a.Users).SelectMany(u => u.Keys).ToDictionary(k => k.Id, k => k.Status);

    private Process StartRun(string table, string runId)
    {
        var home = Directory.CreateTempSubdirectory("keyrotation-signal-");
        var variables = new Dictionary<string, string>(cli.Variables)
        {
            ["HOME"] = home.FullName,
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home.FullName, "credentials"),
            ["AWS_CONFIG_FILE"] = Path.Combine(home.FullName, "config"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        return CliProcess.Start(["run", "--external-id", AwsCli.ExternalId, "--confirm", "--audit-table", table, "--run-id", runId,
            "--rotate-after-days", "90", "--max-accounts-in-flight", "1", "--max-users-in-flight", "1", "--output", "json"], variables);
    }

    private static async Task WaitForAsync(Func<bool> condition, Process process, Task<string> stderr)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(process.HasExited, $"the run ended before the signal: exit {(process.HasExited ? process.ExitCode : 0)}\n{(process.HasExited ? await stderr : "")}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "no CreateAccessKey within a minute");
            await Task.Delay(20);
        }
    }

    /// <summary>Every key created, deactivated or deleted since <paramref name="before"/> has its Succeeded event in the run.</summary>
    private async Task AssertEveryChangeAuditedAsync(string table, string runId, Dictionary<string, string> before)
    {
        var audit = await cli.Run(["audit", "--run", runId, "--table", table, "--endpoint-url", dynalite.Endpoint, "--output", "json"]);
        Assert.True(audit.ExitCode == ExitCodes.Success, audit.ToString());
        var events = JsonDocument.Parse(audit.Out).RootElement.EnumerateArray()
            .Where(e => e.GetProperty("outcome").GetString() == "Succeeded")
            .Select(e => (Action: e.GetProperty("action").GetString(), Key: e.TryGetProperty("accessKeyId", out var k) ? k.GetString() : null))
            .ToList();
        var now = Keys();
        var created = now.Keys.Except(before.Keys).ToList();
        var deleted = before.Keys.Except(now.Keys).ToList();
        var deactivated = now.Where(k => k.Value == "Inactive" && before.GetValueOrDefault(k.Key) == "Active").Select(k => k.Key).ToList();
        Assert.NotEmpty(created);
        Assert.All(created, key => Assert.Contains(("CreateKey", key), events));
        Assert.All(deleted, key => Assert.Contains(("DeleteKey", key), events));
        Assert.All(deactivated, key => Assert.Contains(("DeactivateKey", key), events));
        Assert.Contains(events, e => e.Action == "RunFinished");
    }
}
