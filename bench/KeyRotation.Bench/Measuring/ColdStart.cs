using KeyRotation.Bench.Output;

namespace KeyRotation.Bench.Measuring;

/// <summary>Lambda cold start: process start to the bootstrap's first Runtime API request.</summary>
internal static class ColdStart
{
    public static Task<IReadOnlyList<ColdStartResult>> MeasureAsync(string? bootstrap)
    {
        IReadOnlyList<ColdStartResult> rows = bootstrap is null
            ? [
                new ColdStartResult("JIT", null, "not measured: bootstrap not available (the Lambda host is not on main yet)"),
                new ColdStartResult("Native AOT", null, "not measured: bootstrap not available (the Lambda host is not on main yet)"),
            ]
            : [new ColdStartResult(Path.GetFileName(bootstrap), null, "not measured: timing a bootstrap is not implemented in this version")];
        return Task.FromResult(rows);
    }
}
