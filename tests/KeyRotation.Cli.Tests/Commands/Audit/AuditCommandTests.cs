using System.CommandLine;
using System.Text.Json;
using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Commands.Audit;
using KeyRotation.Cli.Hosting;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Cli.Tests.Commands.Audit;

public sealed class AuditCommandTests
{
    private readonly FakeAuditBackend _backend = new();
    private readonly Dictionary<string, string> _environment = new();

    private async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var root = new RootCommand { AuditCommand.Create(_backend, name => _environment.GetValueOrDefault(name)) };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Audit_EveryFilter_AsksTheLogForExactlyThatQuery()
    {
        var (exit, _, err) = await Run("audit", "--table", "audit", "--account", "111111111111", "--user", "alice",
            "--access-key-id", "AKIAALICEEXAMPLE0001", "--run", "run-1", "--action", "deactivatekey",
            "--since", "2026-11-01", "--until", "2026-11-29T12:00:00+02:00", "--limit", "10");

        Assert.Equal((ExitCodes.Success, ""), (exit, err));
        Assert.Equal(new AuditQuery
        {
            AccountId = "111111111111", UserName = "alice", AccessKeyId = "AKIAALICEEXAMPLE0001", RunId = "run-1",
            Action = "DeactivateKey", Since = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            Until = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero), Limit = 10,
        }, Assert.Single(_backend.Queries));
    }

    [Fact]
    public async Task Audit_IncludeIntents_AsksForIntentsAndListsThemWithTheirOutcomesLink()
    {
        var intent = new AuditEvent
        {
            EventId = "intent-1", OccurredAt = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero), RunId = "run-1",
            AccountId = "111111111111", UserName = "alice", Action = "CreateKey", Reason = "RotationDue",
            Outcome = AuditOutcome.Intended, ToolVersion = "test",
        };
        _backend.Events.Add(intent);
        _backend.Events.Add(intent with
        {
            EventId = "outcome-1", AccessKeyId = "AKIAIOSFODNN7EXAMPLE", Outcome = AuditOutcome.Succeeded, IntentId = "intent-1",
        });

        var (_, outcomesOnly, _) = await Run("audit", "--table", "audit", "--output", "json");
        var (exit, withIntents, err) = await Run("audit", "--table", "audit", "--output", "json", "--include-intents");

        Assert.Equal((ExitCodes.Success, ""), (exit, err));
        Assert.Equal([false, true], _backend.Queries.Select(q => q.IncludeIntents));
        Assert.DoesNotContain("\"Intended\"", outcomesOnly, StringComparison.Ordinal);
        Assert.Contains("\"intentId\":\"intent-1\"", outcomesOnly, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"Intended\"", withIntents, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_AwsOptions_ReachTheStoreSettings()
    {
        await Run("audit", "--table", "audit-prod", "--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:8000",
            "--profile", "auditor");

        Assert.Equal(new AuditStoreSettings("audit-prod", "eu-west-1", "http://127.0.0.1:8000", "auditor"), Assert.Single(_backend.Opened));
    }

    [Fact]
    public async Task Audit_EndpointVariables_ServiceSpecificOverGenericAndFlagOverBoth()
    {
        _environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:3";
        await Run("audit", "--table", "audit");
        _environment["AWS_ENDPOINT_URL_DYNAMODB"] = "http://127.0.0.1:2";
        await Run("audit", "--table", "audit");
        await Run("audit", "--table", "audit", "--endpoint-url", "http://127.0.0.1:1");

        Assert.Equal(["http://127.0.0.1:3", "http://127.0.0.1:2", "http://127.0.0.1:1"], _backend.Opened.Select(s => s.EndpointUrl));
    }

    [Fact]
    public async Task AuditCreateTable_BadEndpointVariable_ExitsInvalidInputNamingTheVariable()
    {
        _environment["AWS_ENDPOINT_URL"] = "127.0.0.1:8000";

        var (exit, _, err) = await Run("audit", "create-table", "--table", "audit");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("$AWS_ENDPOINT_URL '127.0.0.1:8000' is not an absolute http(s) URL", err);
        Assert.Empty(_backend.Opened);
    }

    [Fact]
    public async Task Audit_NoTableAnywhere_ExitsInvalidInputNamingOptionAndVariable()
    {
        var (exit, _, err) = await Run("audit", "--account", "111111111111");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--table is required (or set KEYROTATION_AUDIT_TABLE)", err);
        Assert.Empty(_backend.Opened);
    }

    [Fact]
    public async Task Audit_TableFromEnvironment_IsUsed()
    {
        _environment["KEYROTATION_AUDIT_TABLE"] = "from-env";

        var (exit, _, _) = await Run("audit");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("from-env", Assert.Single(_backend.Opened).TableName);
    }

    [Fact]
    public async Task Audit_SeveralBadValues_ReportsEachAndQueriesNothing()
    {
        var (exit, _, err) = await Run("audit", "--table", "audit", "--account", "12345", "--since", "yesterday",
            "--until", "2026-11-29T12:00:00", "--limit", "0", "--output", "xml", "--action", "Rotate");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--account '12345' is not a 12-digit account id", err);
        Assert.Contains("--since 'yesterday' is not an ISO 8601 date", err);
        Assert.Contains("--until '2026-11-29T12:00:00' has no time zone", err);
        Assert.Contains("--limit '0' must be a whole number", err);
        Assert.Contains("--output 'xml' must be one of: table, json, csv", err);
        Assert.Contains("--action 'Rotate' is not a known action", err);
        Assert.Empty(_backend.Queries);
    }

    [Fact]
    public async Task Audit_SinceNotBeforeUntil_ExitsInvalidInput()
    {
        var (exit, _, err) = await Run("audit", "--table", "audit", "--since", "2026-11-29", "--until", "2026-11-29");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--since (2026-11-29) must be earlier than --until (2026-11-29)", err);
    }

    [Fact]
    public async Task Audit_JsonOutput_WritesEveryFieldOfEveryEvent()
    {
        _backend.Events.AddRange([AuditSamples.Full(), AuditSamples.Event(1)]);

        var (exit, output, _) = await Run("audit", "--table", "audit", "--output", "json");

        Assert.Equal(ExitCodes.Success, exit);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("2026-11-29T12:01:00Z", rows[0].GetProperty("occurredAt").GetString());
        var full = rows[1];
        Assert.Equal(18, full.EnumerateObject().Count());
        Assert.Equal(170, full.GetProperty("keyAgeDays").GetInt32());
        Assert.Equal("2026-11-28T01:02:03.0005Z", full.GetProperty("lastUsedAt").GetString());
        Assert.Equal("{\"accounts\":1}", full.GetProperty("summary").GetString());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Audit_CsvOutput_WritesHeaderAndOneLinePerEvent()
    {
        _backend.Events.AddRange([AuditSamples.Event(1), AuditSamples.Event(2)]);

        var (_, output, _) = await Run("audit", "--table", "audit", "--output", "CSV");

        var lines = output.Split("\r\n");
        Assert.StartsWith("eventId,occurredAt,accountId,userName,", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal("", lines[3]);
    }

    [Fact]
    public async Task Audit_TableOutputWithoutMatches_SaysSo()
    {
        var (exit, output, _) = await Run("audit", "--table", "audit", "--account", "222222222222");

        Assert.Equal((ExitCodes.Success, "No audit events match."), (exit, output.Trim()));
    }

    [Fact]
    public async Task Audit_TableMissing_ExitsWithMessageAndCreateHint()
    {
        _backend.Failure = new ServiceException("DynamoDB", "Query", "ResourceNotFoundException", FailureKind.NotFound,
            400, detail: "audit table 'gone' at http://127.0.0.1:1: Requested resource not found");

        var (exit, _, err) = await Run("audit", "--table", "gone");

        Assert.Equal(ExitCodes.Unexpected, exit);
        Assert.Contains("audit table 'gone'", err);
        Assert.Contains("keyrotation audit create-table --table gone", err);
    }

    [Fact]
    public async Task Audit_QueryTooBroad_ExitsInvalidInput()
    {
        _backend.Failure = new AuditQueryTooBroadException("Narrow it with an account.");

        var (exit, _, err) = await Run("audit", "--table", "audit", "--action", "Warn");

        Assert.Equal((ExitCodes.InvalidInput, "error: Narrow it with an account."), (exit, err.Trim()));
    }

    [Theory]
    [InlineData(AuditTableCreation.Created, "Created audit table 'new-audit'")]
    [InlineData(AuditTableCreation.AlreadyExists, "Audit table 'new-audit' already exists")]
    public async Task CreateTable_Outcome_ReportedWithSuccess(AuditTableCreation creation, string expected)
    {
        _backend.Creation = creation;

        var (exit, output, _) = await Run("audit", "create-table", "--table", "new-audit", "--region", "us-east-1");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.StartsWith(expected, output);
        Assert.Equal(new AuditStoreSettings("new-audit", "us-east-1"), Assert.Single(_backend.Opened));
    }

    [Fact]
    public async Task CreateTable_BadTableName_ExitsInvalidInput()
    {
        var (exit, _, err) = await Run("audit", "create-table", "--table", "a b");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--table 'a b' is not a DynamoDB table name", err);
    }

    [Fact]
    public async Task CreateTable_OtherTableWithThatName_ExitsWithTheDifference()
    {
        _backend.Failure = new ServiceException("DynamoDB", "DescribeTable", "TableSchemaMismatch", FailureKind.Final,
            detail: "audit table 'x' at http://127.0.0.1:1 already exists but is not an audit table: index 'byRun' is missing");

        var (exit, _, err) = await Run("audit", "create-table", "--table", "xyz");

        Assert.Equal(ExitCodes.Unexpected, exit);
        Assert.Contains("index 'byRun' is missing", err);
    }
}
