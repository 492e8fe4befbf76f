using System.Text;

namespace KeyRotation.Cli.Hosting;

/// <summary>
/// Standard output that cannot bring a run down: when a write fails (stdout closed, a full disk, a pipe whose reader
/// left), the failure is kept and later writes are dropped, so the run still finishes, records its audit trail and
/// exits with the code that says what happened to the accounts; the caller names the lost output on stderr.
/// </summary>
internal sealed class GuardedWriter(TextWriter inner, string name) : TextWriter
{
    private string? failure;

    /// <summary>"standard output", for the message.</summary>
    public string Name { get; } = name;

    /// <summary>The first write error, or null while everything was written.</summary>
    public string? Failure => Volatile.Read(ref failure);

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void WriteLine() => Guard(inner.WriteLine);

    public override void Flush() => Guard(inner.Flush);

    public override Task WriteAsync(string? value) => GuardAsync(() => inner.WriteAsync(value));

    public override Task WriteLineAsync(string? value) => GuardAsync(() => inner.WriteLineAsync(value));

    public override Task FlushAsync() => GuardAsync(inner.FlushAsync);

    private void Guard(Action write)
    {
        if (Failure is not null)
        {
            return;
        }

        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Interlocked.CompareExchange(ref failure, e.Message, null);
        }
    }

    private async Task GuardAsync(Func<Task> write)
    {
        if (Failure is not null)
        {
            return;
        }

        try
        {
            await write();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Interlocked.CompareExchange(ref failure, e.Message, null);
        }
    }
}
