using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Aws.Tests.Iam;

internal static class FakeClock
{
    /// <summary>
    /// Advances the fake clock in steps until the task completes, letting continuations run in between: only the fake
    /// clock can end a wait for the credential report. Returns how far the clock moved.
    /// </summary>
    public static async Task<TimeSpan> DriveAsync(FakeTimeProvider time, Task task, TimeSpan step)
    {
        var advanced = TimeSpan.Zero;
        for (var i = 0; i < 10_000 && !task.IsCompleted; i++)
        {
            time.Advance(step);
            advanced += step;
            await Task.Delay(1);
        }

        await task.WaitAsync(TimeSpan.FromSeconds(10));
        return advanced;
    }
}
