using KeyRotation.Aws.Protocol;

namespace KeyRotation.Aws.Tests.Protocol;

public sealed class QueryParametersTests
{
    [Fact]
    public void ToFormBody_PlusSpaceAndReserved_PercentEncoded()
    {
        var body = new QueryParameters().Add("UserName", "svc+ci x,y=z/é~").ToFormBody("ListAccessKeys", "2010-05-08");

        Assert.Equal("Action=ListAccessKeys&Version=2010-05-08&UserName=svc%2Bci%20x%2Cy%3Dz%2F%C3%A9~", body);
    }

    [Fact]
    public void ToFormBody_NullValue_LeftOut() =>
        Assert.Equal("Action=A&Version=V&B=1", new QueryParameters().Add("Marker", null).Add("B", "1").ToFormBody("A", "V"));

    [Fact]
    public void AddMap_Entries_NumberedFromOneWithKeyAndValueNames()
    {
        var parameters = new QueryParameters().AddMap("MessageAttributes",
            [KeyValuePair.Create("event", "KeyCreated"), KeyValuePair.Create("user", "bob")], "Name",
            (p, prefix, value) => p.Add(prefix + "Value.DataType", "String").Add(prefix + "Value.StringValue", value));

        Assert.Equal(
        [
            KeyValuePair.Create("MessageAttributes.entry.1.Name", "event"),
            KeyValuePair.Create("MessageAttributes.entry.1.Value.DataType", "String"),
            KeyValuePair.Create("MessageAttributes.entry.1.Value.StringValue", "KeyCreated"),
            KeyValuePair.Create("MessageAttributes.entry.2.Name", "user"),
            KeyValuePair.Create("MessageAttributes.entry.2.Value.DataType", "String"),
            KeyValuePair.Create("MessageAttributes.entry.2.Value.StringValue", "bob"),
        ], parameters.Items);
    }
}
