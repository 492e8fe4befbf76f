using System.Text.Json.Nodes;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Tests.HandOff;

public sealed class RelaxedJsonTests
{
    [Fact]
    public void Write_PlusAmpersandAndAngleBrackets_TravelAsThemselves()
    {
        var text = RelaxedJson.Write(new JsonObject { ["SecretAccessKey"] = "wJalr+XUtn/FEMI<K7MDENG>&EXAMPLEKEY" });

        Assert.Equal("{\"SecretAccessKey\":\"wJalr+XUtn/FEMI<K7MDENG>&EXAMPLEKEY\"}", text);
    }

    [Fact]
    public void Write_QuoteAndControlCharacter_StillEscaped()
    {
        var text = RelaxedJson.Write(new JsonObject { ["Name"] = "a\"b\n" });

        Assert.Equal("{\"Name\":\"a\\\"b\\n\"}", text);
    }
}
