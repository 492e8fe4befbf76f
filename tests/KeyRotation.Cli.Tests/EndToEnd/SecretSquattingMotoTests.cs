using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Running;
using System.Diagnostics;
using System.Text.Json;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Testing.Moto;

namespace KeyRotation.Cli.Tests.EndToEnd;

/// <summary>
/// The real CLI against moto (an independent AWS emulator): an organization with a member account in which someone
/// other than the tool has created <c>key-rotation/admin</c> before the run. The run must never write into that
/// secret nor create a key for admin, and must report SecretNameTaken, while alice is rotated as usual. The
/// emulator is set up and inspected with boto3 (moto's own dependency), so the tool's adapters are not used to judge
/// themselves.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class SecretSquattingMotoTests(MotoServer moto)
{
    private const string SquatterValue = "squatter's own value, not a key";
    private const string Table = "key-rotation-audit";

    /// <summary>Org, member account, two users with one key each, the squatter's secret, a topic read through a queue.</summary>
    private const string Setup = """
        import boto3, json, sys
        ep = sys.argv[1]
        def client(service, creds=None):
            c = creds or {"AccessKeyId": "testing", "SecretAccessKey": "testing", "SessionToken": None}
            return boto3.client(service, endpoint_url=ep, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"],
                                aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
        org = client("organizations")
        org.create_organization(FeatureSet="ALL")
        org.create_account(Email="member@example.com", AccountName="member")
        member = [a["Id"] for a in org.list_accounts()["Accounts"] if a["Name"] == "member"][0]
        creds = client("sts").assume_role(RoleArn=f"arn:aws:iam::{member}:role/KeyRotationMemberRole", RoleSessionName="setup")["Credentials"]
        iam = client("iam", creds)
        keys = {}
        for user in ["admin", "alice"]:
            iam.create_user(UserName=user, Tags=[{"Key": "key-rotation:owner", "Value": user + "@example.com"}])
            keys[user] = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
        # Mallory, a non-admin of the member account, takes the admin's secret name, with a tag of the tool's.
        client("secretsmanager", creds).create_secret(Name="key-rotation/admin", SecretString=sys.argv[2],
            Tags=[{"Key": "key-rotation:managed", "Value": "true"}, {"Key": "created-by", "Value": "mallory"}])
        topic = client("sns").create_topic(Name="key-rotation")["TopicArn"]
        sqs = client("sqs")
        queue = sqs.create_queue(QueueName="owners")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        client("sns").subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
        print(json.dumps({"member": member, "topic": topic, "queue": queue, "keys": keys}))
        """;

    /// <summary>What the member account holds after the run, and every message the topic delivered.</summary>
    private const string Inspect = """
        import boto3, json, sys
        ep, member, queue = sys.argv[1], sys.argv[2], sys.argv[3]
        def client(service, creds=None):
            c = creds or {"AccessKeyId": "testing", "SecretAccessKey": "testing", "SessionToken": None}
            return boto3.client(service, endpoint_url=ep, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"],
                                aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
        creds = client("sts").assume_role(RoleArn=f"arn:aws:iam::{member}:role/inspector", RoleSessionName="inspect")["Credentials"]
        iam, sm = client("iam", creds), client("secretsmanager", creds)
        out = {"keys": {}, "secrets": {}, "messages": []}
        for user in ["admin", "alice"]:
            out["keys"][user] = sorted(k["AccessKeyId"] for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"])
            name = "key-rotation/" + user
            try:
                described = sm.describe_secret(SecretId=name)
            except sm.exceptions.ResourceNotFoundException:
                continue
            out["secrets"][user] = {
                "value": sm.get_secret_value(SecretId=name)["SecretString"],
                "tags": {t["Key"]: t["Value"] for t in described.get("Tags", [])},
                "versions": len(sm.list_secret_version_ids(SecretId=name)["Versions"]),
            }
        sqs = client("sqs")
        while True:
            got = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", [])
            if not got:
                break
            for m in got:
                out["messages"].append(m["Body"])
                sqs.delete_message(QueueUrl=queue, ReceiptHandle=m["ReceiptHandle"])
        print(json.dumps(out))
        """;

    [MotoFact]
    public async Task Run_SecretNameTakenBySomeoneElse_NeverWrittenNoKeyForThatUserReported()
    {
        await moto.ResetAsync();
        var setup = await PythonAsync(Setup, moto.Endpoint, SquatterValue);
        var member = setup.GetProperty("member").GetString()!;
        var adminKey = setup.GetProperty("keys").GetProperty("admin").GetString()!;
        var aliceKey = setup.GetProperty("keys").GetProperty("alice").GetString()!;
        // moto dates keys by the real clock: the CLI's clock stands 200 days later, so both keys are due.
        var clock = new FrozenClock(DateTimeOffset.UtcNow.AddDays(200));
        string[] connection = ["--endpoint-url", moto.Endpoint, "--region", "us-east-1", "--external-id", "moto-external-id"];
        var created = await CliAsync(clock, ["audit", "create-table", "--table", Table, .. connection[..4]]);
        Assert.True(created.ExitCode == 0, created.ToString());

        var run = await CliAsync(clock, ["run", .. connection, "--topic-arn", setup.GetProperty("topic").GetString()!,
            "--audit-table", Table, "--confirm", "--discovery", "per-key", "--run-id", "squatting",
            "--rotate-after-days", "90", "--deactivate-after-days", "300", "--delete-after-days", "400", "--output", "json"]);
        var audit = await CliAsync(clock, ["audit", "--run", "squatting", "--table", Table, .. connection[..4], "--output", "json"]);
        var after = await PythonAsync(Inspect, moto.Endpoint, member, setup.GetProperty("queue").GetString()!);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var rows = ReportRow.From(JsonDocument.Parse(run.Out).RootElement).Where(r => r.AccountId == member).ToList();
        var blocked = Assert.Single(rows, r => r.UserName == "admin");
        Assert.Equal(("Blocked", "SecretNameTaken", "Succeeded"), (blocked.Action, blocked.Reason, blocked.Outcome));
        var rotated = Assert.Single(rows, r => r.UserName == "alice");
        Assert.Equal(("CreateKey", "Succeeded"), (rotated.Action, rotated.Outcome));

        // The squatter's secret is as she left it, and admin got no key.
        var squatted = after.GetProperty("secrets").GetProperty("admin");
        Assert.Equal(SquatterValue, squatted.GetProperty("value").GetString());
        Assert.Equal(1, squatted.GetProperty("versions").GetInt32());
        Assert.False(squatted.GetProperty("tags").TryGetProperty("key-rotation:access-key-id", out _));
        Assert.Equal([adminKey], after.GetProperty("keys").GetProperty("admin").EnumerateArray().Select(k => k.GetString()));

        // alice's secret holds her new key and names it in a tag; its secret appears nowhere else.
        var aliceKeys = after.GetProperty("keys").GetProperty("alice").EnumerateArray().Select(k => k.GetString()!).ToList();
        var newKey = Assert.Single(aliceKeys, k => k != aliceKey);
        var aliceSecret = after.GetProperty("secrets").GetProperty("alice");
        using var value = JsonDocument.Parse(aliceSecret.GetProperty("value").GetString()!);
        Assert.Equal(newKey, value.RootElement.GetProperty("AccessKeyId").GetString());
        Assert.Equal(newKey, aliceSecret.GetProperty("tags").GetProperty("key-rotation:access-key-id").GetString());
        var secretAccessKey = value.RootElement.GetProperty("SecretAccessKey").GetString()!;
        Assert.True(audit.ExitCode == 0, audit.ToString());
        var messages = after.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("SecretNameTaken", StringComparison.Ordinal) && m.Contains("admin", StringComparison.Ordinal));
        Assert.Contains("\"reason\":\"SecretNameTaken\"", audit.Out.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var text in new[] { run.Out, run.Error, audit.Out }.Concat(messages))
        {
            Assert.DoesNotContain(secretAccessKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(SquatterValue, text, StringComparison.Ordinal);
        }
    }

    private static async Task<Result> CliAsync(TimeProvider clock, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, clock, new Random(7)) { Variables = _ => null };
        var exitCode = await Cli.RunAsync(args, environment);
        return new Result(exitCode, output.ToString(), error.ToString());
    }

    private static async Task<JsonElement> PythonAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"python failed: {await stderr}");
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }

    private sealed record Result(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }
}
