using KeyRotation.Testing.Moto;

namespace KeyRotation.Aws.Tests.EndToEnd;

[Collection(MotoCollection.Name)]
public sealed class MotoServerTests(MotoServer moto)
{
    [MotoFact]
    public async Task Start_OnLoopback_AnswersAndResets()
    {
        Assert.StartsWith("http://127.0.0.1:", moto.Endpoint);
        await moto.ResetAsync();
    }
}
