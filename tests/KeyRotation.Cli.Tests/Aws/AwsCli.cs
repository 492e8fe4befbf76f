using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Running;
using System.Text.Json;

namespace KeyRotation.Cli.Tests.Aws;

/// <summary>
/// The stub's small organization served over HTTP on 127.0.0.1, and real command lines run against it in process.
/// The commands see only the variables given here (never the process's), so no test can reach a real AWS, and the
/// clock stands at the organization's instant so key ages are as the stub describes them.
/// </summary>
internal sealed class AwsCli : IDisposable
{
    public const string ExternalId = "org-external-id";
    public const string TopicArn = "arn:aws:sns:us-east-1:999999999999:key-rotation";

    /// <param name="cloudClock">The stub's clock; default frozen at the organization's instant.</param>
    public AwsCli(TimeProvider? cloudClock = null)
    {
        Cloud = SmallOrganization.Create(cloudClock ?? new FrozenClock(SmallOrganization.Start));
        Cloud.ExpectedExternalId = ExternalId;
        Server = new StubHttpServer(Cloud.Handle);
    }

    public FakeAwsCloud Cloud { get; }

    public StubHttpServer Server { get; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public string Endpoint => $"http://127.0.0.1:{Server.Port}";

    /// <summary>The flags every AWS command line of these tests shares.</summary>
    public string[] Connection => ["--endpoint-url", Endpoint, "--region", "us-east-1", "--external-id", ExternalId];

    public Task<Result> Plan(params string[] extra) => Run(["plan", .. Connection, "--output", "json", .. extra]);

    public Task<Result> Rotate(params string[] extra) =>
        Run(["run", .. Connection, "--topic-arn", TopicArn, "--confirm", "--without-audit-table", "--output", "json", .. extra]);

    /// <summary>
    /// The CLI's clock: frozen at the organization's instant, its waits (credential-report polls, backoff) ending at
    /// once; the stub's report never finishes on its frozen clock, so real waits only cost seconds per test.
    /// </summary>
    private static readonly TimeProvider Clock = new FrozenClock(SmallOrganization.Start, new InstantWaits(TimeProvider.System));

    public async Task<Result> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, Clock, new Random(7))
        {
            Variables = name => Variables.GetValueOrDefault(name),
        };

        var exitCode = await Cli.RunAsync(args, environment);
        return new Result(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => Server.Dispose();

    internal sealed record Result(int ExitCode, string Out, string Error)
    {
        public JsonElement Json() => JsonDocument.Parse(Out).RootElement;

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }
}
