using System.Runtime.InteropServices;

namespace KeyRotation.Cli.Hosting;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM (a container or CI stopping the job) become a <see cref="GracefulStop"/>: the process
/// is not killed, the run winds down and reports. A second signal stops at once (exit 130 or 143, no report), for a
/// terminal user who cannot wait for a call in flight.
/// </summary>
internal static class StopSignals
{
    public static IDisposable Register(GracefulStop stop, TextWriter error)
    {
        var registrations = new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Handle(context, stop, error, ExitCodes.Interrupted)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Handle(context, stop, error, ExitCodes.Terminated)),
        };
        return new Registrations(registrations);
    }

    private static void Handle(PosixSignalContext context, GracefulStop stop, TextWriter error, int code)
    {
        context.Cancel = true;
        if (!stop.Request(code))
        {
            Say(error, $"keyrotation: {context.Signal} again: stopping at once; changes in flight may be missing from the report");
            Environment.Exit(code);
        }

        Say(error, $"keyrotation: {context.Signal}: stopping: no new change starts; those in flight finish and are recorded, "
            + "then the report is written (send it again to stop at once)");
    }

    private static void Say(TextWriter error, string text)
    {
        try
        {
            error.WriteLine(text);
        }
        catch (IOException)
        {
            // stderr gone too: the exit code still tells.
        }
    }

    private sealed class Registrations(PosixSignalRegistration[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}
