using KeyRotation.Core.Facts;
using KeyRotation.Engine.Posture;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Lambda.Hosting;

/// <summary>
/// What the host asks of the rotation engine, one delegate per engine-backed event mode. Shaped like the engine's
/// organization sweep so composition is a matter of method groups (see <see cref="Composition"/>).
/// The summarize mode needs no engine: it adds up the account results it is given.
/// </summary>
/// <param name="Sweep">Mode <c>sweep</c>: the whole run.</param>
/// <param name="ListTargets">Mode <c>list-targets</c>: the accounts a run would process (already targeted and not opted out).</param>
/// <param name="RotateAccount">Mode <c>rotate-account</c>: one account of a fanned-out run.</param>
/// <param name="Report">Mode <c>report</c>: the posture report over the run's organization (discovery only); null when not composed.</param>
internal sealed record RotationOperations(
    Func<RotationRunOptions, CancellationToken, Task<RunReport>> Sweep,
    Func<RotationRunOptions, CancellationToken, Task<IReadOnlyList<AccountFacts>>> ListTargets,
    Func<AccountFacts, RotationRunOptions, CancellationToken, Task<AccountReport>> RotateAccount,
    Func<RotationRunOptions, CancellationToken, Task<PostureReport>>? Report = null)
{
    /// <summary>For a build with no engine composed: every engine-backed mode fails with <see cref="EngineNotComposedException"/>.</summary>
    public static RotationOperations NotComposed { get; } = new(
        (_, _) => throw new EngineNotComposedException(),
        (_, _) => throw new EngineNotComposedException(),
        (_, _, _) => throw new EngineNotComposedException());
}

/// <summary>This build's <see cref="Composition"/> gives the host no rotation engine.</summary>
internal sealed class EngineNotComposedException()
    : Exception("this build of the Lambda host has no rotation engine composed; only the ping mode answers");
