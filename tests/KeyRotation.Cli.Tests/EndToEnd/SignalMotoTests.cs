using KeyRotation.Cli.Hosting;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Testing.Moto;

namespace KeyRotation.Cli.Tests.EndToEnd;

/// <summary>
/// The real executable in a child process against moto (an independent AWS emulator), its audit table in moto's
/// DynamoDB, stopped mid-run by SIGTERM or SIGKILL and then run again normally: afterwards no key is left without its
/// holder (every key created since the start that still exists is the one its user's secret in moto names), every
/// intent either run wrote has exactly one outcome event, and no user holds more than two keys. The same proof as
/// <see cref="Stopping.SignalProcessTests"/>, with moto instead of the project's own stub. A proxy in front of moto
/// holds each IAM answer back 150 ms (after moto acted), so a signal lands mid-run; it also dates the seeded keys 200
/// days back in ListAccessKeys answers (moto dates keys by the real clock, and a run against AWS takes no future
/// --as-of), so every user is due under --rotate-after-days 90.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class SignalMotoTests(MotoServer moto)
{
    private static readonly string[] Users = ["ann", "ben", "cy"];
    private const string Table = "key-rotation-audit";

    [MotoFact]
    public async Task Process_SigtermMidRunAgainstMotoThenRunAgain_Exit143CompleteReportNoKeyWithoutHolderOneOutcomePerIntent()
    {
        var org = await ArrangeAsync();
        using var proxy = Proxy(org);

        var (exit, output, error) = await StopAsync(proxy, org, "term", "TERM");
        Assert.True(exit == ExitCodes.Terminated, $"exit {exit}\n{output}\n{error}");
        var statuses = JsonDocument.Parse(output).RootElement.GetProperty("accounts").EnumerateArray()
            .Select(a => a.GetProperty("status").GetString()).ToList();
        // The management account is Skipped; each member account was either cut short (Interrupted) or finished.
        Assert.True(statuses.All(s => s is "Interrupted" or "Processed" or "Skipped")
            && (statuses.Contains("Interrupted") || statuses.Count(s => s == "Processed") == org.Accounts.Count),
            $"account statuses: {string.Join(", ", statuses)}");
        Assert.Contains("SIGTERM: stopping", error, StringComparison.Ordinal);

        var again = await RunAgainAsync(proxy, org, "after-term");
        await AssertHeldAndOneOutcomeAsync(org, ["term", "after-term"], [output, error, .. again]);
    }

    [MotoFact]
    public async Task Process_SigkillAfterFirstCreateAgainstMotoThenRunAgain_Exit137ThenExit0NoKeyWithoutHolderOneOutcomePerIntent()
    {
        var org = await ArrangeAsync();
        using var proxy = Proxy(org);

        var (exit, output, error) = await StopAsync(proxy, org, "kill", "KILL");
        Assert.True(exit == 137, $"exit {exit}\n{output}\n{error}");

        var again = await RunAgainAsync(proxy, org, "after-kill");
        await AssertHeldAndOneOutcomeAsync(org, ["kill", "after-kill"], [output, error, .. again]);
    }

    /// <summary>An organization of two member accounts of three users with one key each, the audit table, a topic.</summary>
    private async Task<Org> ArrangeAsync()
    {
        await moto.ResetAsync();
        using var seed = new MotoSeed(moto.Endpoint);
        await seed.JsonAsync("organizations", "AWSOrganizationsV20161128.CreateOrganization", """{"FeatureSet":"ALL"}""");
        var accounts = new List<string>();
        var seeded = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 2; i++)
        {
            var created = await seed.JsonAsync("organizations", "AWSOrganizationsV20161128.CreateAccount",
                $$"""{"Email":"sig{{i}}@example.com","AccountName":"sig-{{i}}"}""");
            var account = created.GetProperty("CreateAccountStatus").GetProperty("AccountId").GetString()!;
            accounts.Add(account);
            foreach (var user in Users)
            {
                await seed.QueryAsync("iam", account, ("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", user));
                await seed.QueryAsync("iam", account, ("Action", "TagUser"), ("Version", "2010-05-08"), ("UserName", user),
                    ("Tags.member.1.Key", "key-rotation:owner"), ("Tags.member.1.Value", $"{user}@example.com"));
                var key = await seed.QueryAsync("iam", account, ("Action", "CreateAccessKey"), ("Version", "2010-05-08"), ("UserName", user));
                seeded.Add(key.Descendants().First(e => e.Name.LocalName == "AccessKeyId").Value);
            }
        }

        var topic = await seed.QueryAsync("sns", MotoServer.DefaultAccountId, ("Action", "CreateTopic"), ("Name", "key-rotation"));
        var table = await CliRun.Of("audit", "create-table", "--table", Table, "--endpoint-url", moto.Endpoint, "--region", "us-east-1");
        Assert.True(table.ExitCode == 0, table.Out + table.Error);
        return new Org(accounts, seeded, topic.Descendants().First(e => e.Name.LocalName == "TopicArn").Value);
    }

    /// <summary>moto's answers slowed for IAM, and the seeded keys 200 days old in every ListAccessKeys answer.</summary>
    private CountingProxy Proxy(Org org)
    {
        var old = DateTimeOffset.UtcNow.AddDays(-200).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new CountingProxy(moto.Endpoint)
        {
            IamDelay = TimeSpan.FromMilliseconds(150),
            Rewrite = (request, body) => request.SigningService == "iam" && request.Action == "ListAccessKeys"
                ? Regex.Replace(body, "<member>.*?</member>", m => org.Seeded.Any(k => m.Value.Contains(k, StringComparison.Ordinal))
                    ? Regex.Replace(m.Value, "<CreateDate>[^<]*</CreateDate>", $"<CreateDate>{old}</CreateDate>")
                    : m.Value, RegexOptions.Singleline)
                : body,
        };
    }

    /// <summary>Starts a run, sends <paramref name="signal"/> once the first CreateAccessKey has been answered by moto.</summary>
    private static async Task<(int Exit, string Out, string Error)> StopAsync(CountingProxy proxy, Org org, string runId, string signal)
    {
        using var process = StartRun(proxy, org, runId);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (!proxy.Answered.Contains("iam CreateAccessKey"))
        {
            Assert.False(process.HasExited, $"the run ended before the signal: exit {(process.HasExited ? process.ExitCode : 0)}\n{(process.HasExited ? await stderr : "")}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "no CreateAccessKey reached moto within a minute");
            await Task.Delay(10);
        }

        await CliProcess.SignalAsync(process, signal);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        // A request the stopped process sent may still be held in the proxy; let it finish before the next run.
        await Task.Delay(TimeSpan.FromSeconds(1));
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A normal run with a new run id: exit 0 and a JSON report.</summary>
    private static async Task<string[]> RunAgainAsync(CountingProxy proxy, Org org, string runId)
    {
        using var process = StartRun(proxy, org, runId);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        var (output, error) = (await stdout, await stderr);
        Assert.True(process.ExitCode == ExitCodes.Success, $"exit {process.ExitCode}\n{output}\n{error}");
        Assert.Equal(runId, JsonDocument.Parse(output).RootElement.GetProperty("runId").GetString());
        return [output, error];
    }

    private static Process StartRun(CountingProxy proxy, Org org, string runId)
    {
        var home = Directory.CreateTempSubdirectory("keyrotation-signal-moto-");
        return CliProcess.Start(["run", "--endpoint-url", proxy.Url, "--region", "us-east-1", "--external-id", "moto-external-id",
            "--topic-arn", org.TopicArn, "--audit-table", Table, "--confirm", "--discovery", "per-key", "--run-id", runId, "--rotate-after-days", "90",
            "--max-accounts-in-flight", "1", "--max-users-in-flight", "1", "--output", "json"],
            new Dictionary<string, string>
            {
                ["HOME"] = home.FullName,
                ["AWS_ACCESS_KEY_ID"] = "testing",
                ["AWS_SECRET_ACCESS_KEY"] = "testing",
                ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home.FullName, "credentials"),
                ["AWS_CONFIG_FILE"] = Path.Combine(home.FullName, "config"),
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            });
    }

    /// <summary>
    /// Every key created since the start that still exists is the one its user's secret names, no user holds more than
    /// two keys, every intent of <paramref name="runs"/> has exactly one event naming it, and no secret is in <paramref name="texts"/>.
    /// </summary>
    private async Task AssertHeldAndOneOutcomeAsync(Org org, string[] runs, string[] texts)
    {
        using var seed = new MotoSeed(moto.Endpoint);
        var created = 0;
        var secrets = new List<string>();
        foreach (var account in org.Accounts)
        {
            foreach (var user in Users)
            {
                var keys = await seed.KeysAsync(account, user);
                Assert.True(keys.Count <= 2, $"{account}/{user} holds {keys.Count} keys");
                var fresh = keys.Keys.Where(k => !org.Seeded.Contains(k)).ToList();
                if (fresh.Count == 0) continue;
                var secret = await seed.JsonAsync("secretsmanager", "secretsmanager.GetSecretValue",
                    $$"""{"SecretId":"key-rotation/{{user}}"}""", account);
                using var stored = JsonDocument.Parse(secret.GetProperty("SecretString").GetString()!);
                var named = stored.RootElement.GetProperty("AccessKeyId").GetString();
                secrets.Add(stored.RootElement.GetProperty("SecretAccessKey").GetString()!);
                Assert.All(fresh, key => Assert.True(key == named, $"{account}/{user}: key {key} is held by nobody (the secret names {named})"));
                created += fresh.Count;
            }
        }

        Assert.Equal(org.Accounts.Count * Users.Length, created);

        var trail = new List<(string EventId, string? Outcome, string? IntentId)>();
        foreach (var run in runs)
        {
            var audit = await CliRun.Of("audit", "--run", run, "--table", Table, "--endpoint-url", moto.Endpoint, "--region", "us-east-1",
                "--include-intents", "--output", "json");
            Assert.True(audit.ExitCode == 0, audit.Out + audit.Error);
            trail.AddRange(audit.Json().EnumerateArray().Select(e => (
                e.GetProperty("eventId").GetString()!,
                e.GetProperty("outcome").GetString(),
                e.TryGetProperty("intentId", out var id) ? id.GetString() : null)));
        }

        var intents = trail.Where(e => e.Outcome == "Intended").ToList();
        Assert.NotEmpty(intents);
        Assert.All(intents, intent => Assert.Single(trail, e => e.IntentId == intent.EventId));
        Assert.All(secrets, secret => Assert.All(texts, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal)));
    }

    private sealed record Org(IReadOnlyList<string> Accounts, HashSet<string> Seeded, string TopicArn);
}
