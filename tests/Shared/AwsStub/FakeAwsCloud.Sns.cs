using System.Xml.Linq;

namespace KeyRotation.Testing.AwsStub;

internal sealed partial class FakeAwsCloud
{
    private StubResponse Sns(StubRequest request)
    {
        if (request.Action != "Publish") return QueryError("sns", 400, "InvalidAction", "unsupported " + request.Action);
        var attributes = new Dictionary<string, string>();
        for (var i = 1; request.Field($"MessageAttributes.entry.{i}.Name") is { } name; i++)
        {
            if (request.Field($"MessageAttributes.entry.{i}.Value.DataType") != "String")
            {
                return QueryError("sns", 400, "ParameterValueInvalid", "attribute type must be String");
            }

            attributes[name] = request.Field($"MessageAttributes.entry.{i}.Value.StringValue")!;
        }

        published.Enqueue(new PublishedMessage(request.Field("TopicArn")!, request.Field("Subject"), request.Field("Message")!, attributes));
        return QueryResult("sns", "Publish", new XElement("MessageId", Guid.NewGuid().ToString()));
    }
}
