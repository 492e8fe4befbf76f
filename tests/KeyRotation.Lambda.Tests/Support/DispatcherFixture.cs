using System.Text;
using System.Text.Json;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Events;
using KeyRotation.Lambda.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Lambda.Tests.Support;

/// <summary>A dispatcher over recording operations, without HTTP: the event modes in isolation.</summary>
internal sealed class DispatcherFixture
{
    public DispatcherFixture(FakeEnvironment? environment = null, KeyRotation.Engine.Ports.IPostureReportStore? reportStore = null)
    {
        Operations.ReportStore = reportStore;
        Settings = HostSettingsReader.Read(environment ?? FakeEnvironment.With());
        var options = new RunOptionsFactory(Settings, new FakeTimeProvider(HostRunner.Now), new Random(3), "lambda:test");
        Dispatcher = new InvocationDispatcher(new ModeHandlers(Settings, Operations.Build(), options, NullLogger.Instance));
    }

    public HostSettings Settings { get; }

    public RecordingOperations Operations { get; } = new();

    public InvocationDispatcher Dispatcher { get; }

    public async Task<JsonElement> InvokeAsync(string payload)
    {
        var invocation = new Invocation("req", HostRunner.Now.AddMinutes(15), null, null, Encoding.UTF8.GetBytes(payload));
        var bytes = await Dispatcher.HandleAsync(invocation, CancellationToken.None);
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }
}
