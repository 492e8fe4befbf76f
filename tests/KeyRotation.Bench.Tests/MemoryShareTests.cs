using KeyRotation.Bench.Scenarios;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Bench.Tests;

/// <summary>
/// Weighs the simulated world by the process's heap, so nothing else may allocate meanwhile: this collection runs
/// alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapWeighingCollection
{
    public const string Name = "heap weighing";
}

[Collection(HeapWeighingCollection.Name)]
public sealed class MemoryShareTests
{
    [Fact]
    public async Task Ours_TinyOrganization_WorldWeighedApartFromTheEngine()
    {
        var (result, _) = await OursScenario.RunAsync(ScenarioTests.Tiny(), ScenarioTests.Accounts, DiscoveryMode.Bulk);

        var memory = Assert.IsType<MemoryShares>(result.Memory);
        Assert.True(memory.WorldAtStartBytes > 0, $"world at start {memory.WorldAtStartBytes} B");
        // The run leaves its audit events, secrets and new keys in the world.
        Assert.True(memory.WorldAtEndBytes > memory.WorldAtStartBytes, $"world {memory.WorldAtStartBytes} B at start, {memory.WorldAtEndBytes} B at end");
        Assert.True(result.PeakWorkingSetBytes >= memory.WorkingSetAtStartBytes || !result.PeakWorkingSetIsPerRun);
    }
}
