using System.Text;
using System.Text.Json;
using KeyRotation.Aws.Variables;
using KeyRotation.Engine.Ports;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Hosting;
using KeyRotation.Lambda.Runtime;
using KeyRotation.Lambda.Tests.Support;
using KeyRotation.Engine.Resilience;
using KeyRotation.Lambda.Wiring;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using KeyRotation.Engine.Resilience.RateLimits;

namespace KeyRotation.Lambda.Tests.Wiring;

/// <summary>
/// The host with the real composition: settings from a valid environment, the AWS adapters pointed at the stub's
/// organization on 127.0.0.1, and the audit trail in memory unless a test keeps the DynamoDB one. The clock stands at
/// the organization's instant, shared with the stub so issued credentials and key ages agree.
/// </summary>
internal sealed class ComposedHost : IDisposable
{
    public const string FunctionArn = "arn:aws:lambda:us-east-1:999999999999:function:key-rotation";

    public ComposedHost()
    {
        Cloud = SmallOrganization.Create(Time);
        Cloud.ExpectedExternalId = FakeEnvironment.Valid()[EnvironmentVariables.ExternalId];
        Server = new StubHttpServer(Cloud.Handle);
        AwsVariables = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = Server.Url().ToString(),
            ["AWS_REGION"] = "us-east-1",
        };
    }

    public FakeTimeProvider Time { get; } = new(SmallOrganization.Start);

    public FakeAwsCloud Cloud { get; }

    public StubHttpServer Server { get; }

    /// <summary>What the adapters see of the process environment.</summary>
    public Dictionary<string, string> AwsVariables { get; }

    /// <summary>Tight enough that rotations, a deactivation and a deletion are due in the stub's Web account.</summary>
    public FakeEnvironment Environment { get; } = FakeEnvironment.With(
        (EnvironmentVariables.RotateAfterDays, "90"), (EnvironmentVariables.DeactivateAfterDays, "95"),
        (EnvironmentVariables.DeleteAfterDays, "100"));

    public InMemoryAuditLog Audit { get; } = new();

    /// <summary>When false, the composition's own DynamoDB audit log is used.</summary>
    public bool InMemoryAudit { get; set; } = true;

    public List<string> AuditTables { get; } = [];

    /// <summary>The deployment's Organizations turns, used when the environment names a turns table.</summary>
    public InMemoryOrganizationsTurns Turns { get; } = new();

    /// <summary>The turns tables the composition opened, one per invocation that took turns.</summary>
    public List<string> TurnsTables { get; } = [];

    /// <summary>
    /// The composition's pipelines. Default the host's, except that the walk paces each Organizations request on the
    /// frozen clock: a burst big enough that nothing waits.
    /// </summary>
    public ResilienceOptions Resilience { get; set; } =
        ResilienceOptions.Default with { RateLimits = new RateLimitOptions { OrganizationsBurst = 1_000 } };

    /// <summary>Backoff jitter. A test that retries on the frozen clock draws 0, so no backoff waits on it.</summary>
    public Random Jitter { get; set; } = new Random(5);

    public InMemoryRuntimeClient? Client { get; private set; }

    public async Task<int> RunAsync(params (string RequestId, string Payload)[] events)
    {
        var wiring = new AwsWiring(new DictionaryEnvironmentVariables(AwsVariables))
        {
            AuditLog = InMemoryAudit ? UseInMemory : null,
            OrganizationsTurns = UseInMemoryTurns,
            Random = Jitter,
            Resilience = Resilience,
        };
        Client = new InMemoryRuntimeClient([.. events.Select(e => new Invocation(
            e.RequestId, SmallOrganization.Start.AddMinutes(15), null, FunctionArn, Encoding.UTF8.GetBytes(e.Payload)))]);
        var dependencies = new HostDependencies(Environment, Time, new Random(7), NullLoggerFactory.Instance,
            (settings, time) => Composition.CreateOperations(settings, time, wiring));
        return await LambdaHost.RunAsync(dependencies, Client, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public JsonElement Response(string requestId) =>
        JsonDocument.Parse(Client!.Responses.Single(r => r.RequestId == requestId).Body).RootElement.Clone();

    public void Dispose() => Server.Dispose();

    private IOrganizationsTurns UseInMemoryTurns(Aws.AwsAdapters adapters, string table)
    {
        TurnsTables.Add(table);
        return Turns;
    }

    private IAuditLog UseInMemory(Aws.AwsAdapters adapters, string table)
    {
        AuditTables.Add(table);
        return Audit;
    }
}
